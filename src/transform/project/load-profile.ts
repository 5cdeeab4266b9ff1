import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadYamlFile } from '../../config/load-yaml.js';
import { profilesSchema } from '../../config/profiles-schema.js';
import { MercatorError } from '../../errors/index.js';
import { renderYamlStrings } from './render-yaml-strings.js';

/** The connection target chosen from profiles.yml, with env_var() rendered. */
export interface ResolvedTarget {
  profileName: string;
  targetName: string;
  type: string;
  schema: string;
  database: string | null;
  threads: number;
  /** Every key of the output, rendered (path, host, …) for the warehouse registry. */
  settings: Record<string, unknown>;
}

/** Options for finding a profile; `env` replaces process.env for env_var(). */
export interface ProfileOptions {
  profilesDir?: string;
  projectDir: string;
  profileName: string;
  target?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Finds profiles.yml (--profiles-dir, then the project, then ~/.dbt) and resolves the profile's target. */
export function resolveTarget(options: ProfileOptions): ResolvedTarget {
  const dirs = options.profilesDir ? [options.profilesDir] : [options.projectDir, join(homedir(), '.dbt')];
  const file = dirs.map((d) => join(d, 'profiles.yml')).find((f) => existsSync(f)) ?? join(dirs[0]!, 'profiles.yml');
  const profiles = loadYamlFile(file, profilesSchema);
  const profile = profiles[options.profileName] as { target?: string; outputs?: Record<string, Record<string, unknown>> } | undefined;
  const targetName = options.target ?? profile?.target ?? 'dev';
  const output = profile?.outputs?.[targetName];
  if (!profile || !output) {
    const known = Object.entries(profiles)
      .filter(([k]) => k !== 'config')
      .flatMap(([p, v]) => Object.keys((v as { outputs?: object }).outputs ?? {}).map((t) => `${p}.${t}`));
    throw new MercatorError('TRANSFORM_PROFILE_MISSING', { profile: options.profileName, target: targetName, file, known: known.join(', ') || 'none' });
  }
  const settings = renderYamlStrings(output, options.env, file) as Record<string, unknown>;
  return {
    profileName: options.profileName,
    targetName,
    type: String(settings.type),
    schema: String(settings.schema ?? 'main'),
    database: typeof settings.database === 'string' ? settings.database : null,
    threads: typeof settings.threads === 'number' ? settings.threads : 1,
    settings,
  };
}
