// The app's classic script includes (Class.create files), evaluated as the platform
// does: Glide APIs are globals, `require` loads the app's server modules. This module
// stands in for '@servicenow/glide/x_litmo_litmos_int' when server modules import them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gs, GlideRecord, GlideDateTime, sn_ws } from './glide.mjs'

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

/**
 * Evaluates one script include file and returns its class.
 * @param {string} name the class (and file) name
 * @param {Record<string, any>} [modules] what `require(path)` gives, by module path
 */
export function loadScriptInclude(name, modules = {}) {
    const file = fileURLToPath(new URL(`src/script-includes/${name}.server.js`, root))
    const source = readFileSync(file, 'utf8')
    const require = (path) => {
        if (!(path in modules)) throw new Error(`require: no module ${path} given to the test`)
        return modules[path]
    }
    const objectWithExtends = Object.create(Object)
    objectWithExtends.extendsObject = extendsObject
    // eslint-disable-next-line no-new-func
    const factory = new Function(
        'Class', 'gs', 'GlideRecord', 'GlideDateTime', 'sn_ws', 'global', 'require', 'Object',
        `${source}\n;return ${name};`,
    )
    return factory(Class, gs, GlideRecord, GlideDateTime, sn_ws, { AbstractAjaxProcessor }, require, objectWithExtends)
}

export const LitmosTrainingClient = loadScriptInclude('LitmosTrainingClient')
