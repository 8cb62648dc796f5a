/**
 * Imported first by the server bench: the programme server's React runs in its production build,
 * as `firebreak` runs it (bin/firebreak.mjs), not in the development build a bare `node` picks.
 * No other bench module loads React, so this changes no other figure.
 */
process.env.NODE_ENV ??= 'production';
