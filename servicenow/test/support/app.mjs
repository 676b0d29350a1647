// Loads the app as an instance would: every Fluent file (src/fluent/*.now.ts, through
// the recorder in hooks.mjs) and every server module, then hands the definitions to the
// shim (ACLs, tables, roles, business rules) and the modules to the script includes'
// require(). register.mjs imports it before any test.
import { readdirSync } from 'node:fs'
import { installDefinitions } from './glide.mjs'
import { serverModules } from './scope.mjs'

const root = new URL('../../', import.meta.url)
const fluentDir = new URL('src/fluent/', root)
const serverDir = new URL('src/server/', root)

for (const f of readdirSync(fluentDir).sort()) {
    if (f.endsWith('.now.ts')) await import(new URL(f, fluentDir).href)
}
for (const f of readdirSync(serverDir).sort()) {
    if (f.endsWith('.js')) serverModules[`src/server/${f}`] = await import(new URL(f, serverDir).href)
}

/** @type {any[]} */
export const definitions = globalThis.__fluentDefinitions
installDefinitions(definitions)

/** The definitions of one kind ('Acl', 'Table', 'BusinessRule', ...). */
export const declared = (kind) => definitions.filter((d) => d.kind === kind)
