// The app's classic script includes (Class.create files), evaluated as the platform
// does: Glide APIs are globals, `require` loads the app's server modules. This module
// stands in for '@servicenow/glide/x_litmo_litmos_int' when server modules import them.
// callAjax() is GlideAjax's server side: the script include must be client-callable, the
// caller must pass its execute ACL, and the call runs as client-callable code (the shim
// then refuses plain GlideRecord on the records a request names).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gs, GlideRecord, GlideRecordSecure, GlideDateTime, aclAllows, state, sn_cc, sn_ws } from './glide.mjs'

const root = new URL('../../', import.meta.url)

const Class = {
    create() {
        return function () {
            this.initialize.apply(this, arguments)
        }
    },
}

/** global.AbstractAjaxProcessor: parameters come from the request. */
function AbstractAjaxProcessor(params) {
    this.params = params || {}
}
AbstractAjaxProcessor.prototype = {
    initialize(params) {
        this.params = params || {}
    },
    getParameter(name) {
        return Object.prototype.hasOwnProperty.call(this.params, name) ? this.params[name] : null
    },
}

function extendsObject(base, proto) {
    return Object.assign(Object.create(base.prototype), proto)
}

/** The app's server modules by their path in the app (src/server/x.js); app.mjs fills it. */
export const serverModules = {}

/** require() as the platform resolves it: x_litmo_litmos_int/<package>/<version>/src/server/x.js */
function platformRequire(path) {
    const m = /^x_litmo_litmos_int\/[^/]+\/[^/]+\/(src\/server\/[\w.-]+\.js)$/.exec(path)
    if (!m || !serverModules[m[1]]) throw new Error(`require: no module ${path}`)
    return serverModules[m[1]]
}

/**
 * Evaluates one script include file and returns its class.
 * @param {string} name the class (and file) name
 * @param {Record<string, any>} [modules] what `require(path)` gives, by module path (the
 *   app's own modules when not given)
 */
export function loadScriptInclude(name, modules) {
    const file = fileURLToPath(new URL(`src/script-includes/${name}.server.js`, root))
    const source = readFileSync(file, 'utf8')
    const require = (path) => {
        if (!modules) return platformRequire(path)
        if (!(path in modules)) throw new Error(`require: no module ${path} given to the test`)
        return modules[path]
    }
    const objectWithExtends = Object.create(Object)
    objectWithExtends.extendsObject = extendsObject
    // eslint-disable-next-line no-new-func
    const factory = new Function(
        'Class', 'gs', 'GlideRecord', 'GlideRecordSecure', 'GlideDateTime', 'sn_ws', 'sn_cc', 'global', 'require', 'Object',
        `${source}\n;return ${name};`,
    )
    return factory(Class, gs, GlideRecord, GlideRecordSecure, GlideDateTime, sn_ws, sn_cc, { AbstractAjaxProcessor }, require, objectWithExtends)
}

/**
 * One GlideAjax request as the platform serves it: the script include must be declared
 * client-callable in Fluent, the user must pass its client_callable_script_include ACL
 * (else the browser gets no answer: null), and it runs as client-callable code.
 * @param {string} apiName e.g. 'x_litmo_litmos_int.LitmosTrainingAjax'
 * @param {Record<string, string>} params sysparm_name and the other parameters
 * @returns {string | null} the answer
 */
export function callAjax(apiName, params) {
    const defs = globalThis.__fluentDefinitions || []
    const include = defs.find((d) => d.kind === 'ScriptInclude' && d.apiName === apiName)
    if (!include || !include.clientCallable) throw new Error(`shim: ${apiName} is not a client-callable script include`)
    if (!aclAllows('client_callable_script_include', apiName, 'execute')) {
        state.logs.push({ level: 'error', message: `Access to Script Include ${apiName} is denied` })
        return null
    }
    const Processor = loadScriptInclude(include.name)
    const method = params.sysparm_name
    const processor = new Processor(params)
    if (typeof processor[method] !== 'function' || method.startsWith('_') || method === 'initialize') return null
    state.clientCallable = true
    try {
        const answer = processor[method]()
        return answer === undefined || answer === null ? null : String(answer)
    } finally {
        state.clientCallable = false
    }
}

export const LitmosTrainingClient = loadScriptInclude('LitmosTrainingClient')
