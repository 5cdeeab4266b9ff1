import { z } from 'zod';

/** One output (target) of a profile: `type` picks the adapter; the other keys are the adapter's. */
export const profileTargetSchema = z.looseObject({
  type: z.string(),
  schema: z.string().optional(),
  database: z.string().optional(),
  path: z.string().optional(),
  threads: z.number().int().positive().optional(),
});

/** A validated profile target. */
export type ProfileTarget = z.output<typeof profileTargetSchema>;

/** profiles.yml: profile name → `target` (default output name) and `outputs`; `config:` is dbt's global block. */
export const profilesSchema = z.record(
  z.string(),
  z.union([
    z.looseObject({ target: z.string().optional(), outputs: z.record(z.string(), profileTargetSchema) }),
    z.record(z.string(), z.unknown()),
  ]),
);

/** A validated profiles.yml. */
export type ProfilesFile = z.output<typeof profilesSchema>;
