// Globals of classic server scripts (script includes written with Class.create): on
// the platform Glide APIs are globals there, not imports.
type GlideModule = typeof import('@servicenow/glide')
type SnWsModule = typeof import('@servicenow/glide/sn_ws')
type SnCcModule = typeof import('@servicenow/glide/sn_cc')

declare global {
    const gs: GlideModule['gs']
    const GlideRecord: GlideModule['GlideRecord']
    const GlideDateTime: GlideModule['GlideDateTime']
    const sn_ws: SnWsModule
    const sn_cc: SnCcModule
    const Class: { create(): any }
    /** global.AbstractAjaxProcessor and friends. */
    const global: { AbstractAjaxProcessor: any }
    /** The platform's module loader for the app's server modules. */
    function require(path: string): any
    interface ObjectConstructor {
        extendsObject(base: any, members: object): any
    }
    type LitmosResult = import('@servicenow/glide/x_litmo_litmos_int').LitmosResult
}

export {}
