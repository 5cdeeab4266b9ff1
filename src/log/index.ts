// Does: typed log events rendered as human text (with a live status line) or JSON lines.
// Does not: depend on any other Mercator module.
export * from './log-events.js';
