// Node module hooks for the tests: the app's server modules import Glide APIs from
// '@servicenow/glide' (and the app's own script include from
// '@servicenow/glide/x_litmo_litmos_int'); on an instance the platform provides them,
// here the shim in this folder does. The modules themselves are loaded unchanged.
//
// The Fluent files (src/fluent/*.now.ts) load too, transpiled by TypeScript, against a
// recorder of '@servicenow/sdk/core' (fluent-core below): each Acl, Table,
// BusinessRule, ScriptInclude, ... call is kept, so the shim enforces the ACLs, column
// types and business-rule conditions the app really declares.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const here = new URL('./', import.meta.url)
const fluentDir = new URL('../../src/fluent/', import.meta.url)
const CORE = 'litmos-shim:sdk-core'
const GLOBAL = 'litmos-shim:sdk-global'
const AUTOMATION = 'litmos-shim:sdk-automation'

export async function resolve(specifier, context, next) {
    if (specifier === '@servicenow/glide' || specifier === '@servicenow/glide/sn_ws') {
        return { url: new URL('glide.mjs', here).href, shortCircuit: true }
    }
    if (specifier === '@servicenow/glide/x_litmo_litmos_int') {
        return { url: new URL('scope.mjs', here).href, shortCircuit: true }
    }
    if (specifier === '@servicenow/sdk/core') return { url: CORE, shortCircuit: true }
    if (specifier === '@servicenow/sdk/global') return { url: GLOBAL, shortCircuit: true }
    if (specifier === '@servicenow/sdk/automation') return { url: AUTOMATION, shortCircuit: true }
    if (context.parentURL && context.parentURL.endsWith('.now.ts') && specifier.endsWith('.json')) {
        return { url: new URL(specifier, context.parentURL).href, shortCircuit: true }
    }
    if (context.parentURL && context.parentURL.endsWith('.now.ts') && /^\.\.?\//.test(specifier) && !/\.[cm]?[jt]s$/.test(specifier)) {
        return { url: new URL(`${specifier}.ts`, context.parentURL).href, shortCircuit: true }
    }
    return next(specifier, context)
}

/** Every name the Fluent files import from '@servicenow/sdk/core'. */
function coreNames() {
    const names = new Set()
    for (const f of readdirSync(fluentDir)) {
        if (!f.endsWith('.now.ts')) continue
        const text = readFileSync(new URL(f, fluentDir), 'utf8')
        for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@servicenow\/sdk\/core'/g)) {
            for (const n of m[1].split(',')) if (n.trim()) names.add(n.trim())
        }
    }
    return [...names]
}

export async function load(url, context, next) {
    if (url === GLOBAL) {
        return {
            format: 'module',
            shortCircuit: true,
            source: `globalThis.Now ||= { ID: new Proxy({}, { get: (_, k) => String(k) }), include: (p) => ({ include: p }) }`,
        }
    }
    if (url === AUTOMATION) {
        // Action(config, body): the definition is kept, and its body is run against a
        // recorder of wfa: each step (with its inputs), the error evaluation and the
        // output assignment, with data pills as '{{path}}' strings.
        return {
            format: 'module',
            shortCircuit: true,
            source: `
const defs = (globalThis.__fluentDefinitions ||= [])
const pill = (path) => new Proxy({ __pill: path }, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' ? pill(path + '.' + k) : undefined) })
export const actionStep = new Proxy({}, { get: (_, k) => ({ step: String(k) }) })
export const wfa = {
    actionStep(step, config, inputs) { const d = { kind: 'ActionStep', step: step.step || step, config, inputs }; defs.push(d); return pill('step:' + config.$id) },
    dataPill(p, type) { return '{{' + p.__pill + ':' + type + '}}' },
    assignActionOutputs(outputs, values) { defs.push({ kind: 'ActionOutputs', values }) },
    errorEvaluation(conditions) { defs.push({ kind: 'ActionErrorEvaluation', conditions }) },
}
export const Action = (config, body) => {
    const d = { kind: 'Action', ...config }
    defs.push(d)
    if (body) body({ inputs: pill('inputs'), outputs: pill('outputs') })
    return d
}`,
        }
    }
    if (url === CORE) {
        const lines = ['const defs = (globalThis.__fluentDefinitions ||= [])']
        for (const name of coreNames()) {
            if (name === 'default_view') lines.push(`export const default_view = { view: 'default' }`)
            else if (name.endsWith('Column')) lines.push(`export const ${name} = (o = {}) => ({ column: '${name}', ...o })`)
            else lines.push(`export const ${name} = (o = {}, fn) => { const d = { kind: '${name}', ...o, ...(fn ? { fn } : {}) }; defs.push(d); return d }`)
        }
        return { format: 'module', shortCircuit: true, source: lines.join('\n') }
    }
    if (url.endsWith('.json') && url.includes('/servicenow/')) {
        // A Fluent file's JSON import (package.json), as the SDK's build reads it.
        return { format: 'module', shortCircuit: true, source: `export default ${readFileSync(fileURLToPath(url), 'utf8')}` }
    }
    if (url.endsWith('.now.ts')) {
        const source = readFileSync(fileURLToPath(url), 'utf8')
        const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2021 } })
        return { format: 'module', shortCircuit: true, source: out.outputText }
    }
    // src/server/*.js are ES modules on the platform; package.json has no "type".
    if (url.includes('/src/server/') && url.endsWith('.js')) {
        return next(url, { ...context, format: 'module' })
    }
    return next(url, context)
}
