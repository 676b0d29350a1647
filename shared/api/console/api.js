// The admin API client: every request the console makes goes through `api`, only to
// this origin's /v1/admin/... routes, with the admin token as a Bearer header. The token
// lives in sessionStorage (this tab) and nowhere else: never in a URL or a cookie.

const TOKEN_KEY = 'litmos-admin-token'
const NETWORK_DETAIL = 'The service could not be reached. Check the connection, then retry.'

/** The admin token of this tab, or null. */
export const token = () => sessionStorage.getItem(TOKEN_KEY)
export const keepToken = (t) => sessionStorage.setItem(TOKEN_KEY, t)
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY)

// What to do when the token in use stops working (a 401 while signed in): set by console.js.
let unauthorized = () => {}
export function onUnauthorized(handler) {
    unauthorized = handler
}

/** Thrown for every answer that is not 2xx, and for network failures (status 0). */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || `HTTP ${status}`)
        this.status = status
        this.problem = problem
    }
    get retryable() {
        return this.status === 0 || this.status >= 500
    }
}

/**
 * One admin API call. `path` is absolute on this origin (never another host).
 * Resolves to the parsed JSON body (or text for CSV, null for 204); rejects with ApiError.
 */
export async function api(method, path, { body, accept = 'application/json', bearer = token() } = {}) {
    if (!path.startsWith('/v1/admin/')) throw new Error('the console only calls the admin API')
    const headers = { accept }
    if (bearer) headers.authorization = `Bearer ${bearer}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res
    try {
        res = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'error',
            referrerPolicy: 'no-referrer',
        })
    } catch {
        throw new ApiError(0, { detail: NETWORK_DETAIL })
    }
    const text = await res.text().catch(() => '')
    if (!res.ok) {
        let problem = {}
        try {
            problem = JSON.parse(text)
        } catch {
            // a gateway's HTML page or nothing at all
        }
        if (typeof problem.detail !== 'string' || !problem.detail) {
            problem = { ...problem, detail: res.status >= 500 ? `The service failed (HTTP ${res.status}). Retry shortly.` : `The request failed (HTTP ${res.status}).` }
        }
        const err = new ApiError(res.status, problem)
        if (res.status === 401 && bearer && bearer === token()) unauthorized(err)
        throw err
    }
    if (res.status === 204 || !text) return null
    return accept === 'application/json' ? JSON.parse(text) : text
}

export const tenantPath = (id, rest = '') => `/v1/admin/tenants/${encodeURIComponent(id)}${rest}`
