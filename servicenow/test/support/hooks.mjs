// Node module hooks for the tests: the app's server modules import Glide APIs from
// '@servicenow/glide' (and the app's own script include from
// '@servicenow/glide/x_litmo_litmos_int'); on an instance the platform provides them,
// here the shim in this folder does. The modules themselves are loaded unchanged.
const here = new URL('./', import.meta.url)

export async function resolve(specifier, context, next) {
    if (specifier === '@servicenow/glide' || specifier === '@servicenow/glide/sn_ws') {
        return { url: new URL('glide.mjs', here).href, shortCircuit: true }
    }
    if (specifier === '@servicenow/glide/x_litmo_litmos_int') {
        return { url: new URL('scope.mjs', here).href, shortCircuit: true }
    }
    return next(specifier, context)
}

export async function load(url, context, next) {
    // src/server/*.js are ES modules on the platform; package.json has no "type".
    if (url.includes('/src/server/') && url.endsWith('.js')) {
        return next(url, { ...context, format: 'module' })
    }
    return next(url, context)
}
