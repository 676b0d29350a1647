import { register } from 'node:module'
register('./hooks.mjs', import.meta.url)
// The app's Fluent definitions and server modules, loaded once for every test file.
await import('./app.mjs')
