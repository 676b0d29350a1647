// Types of this app's own script include as server modules import it
// ('@servicenow/glide/x_litmo_litmos_int'); the class itself is
// src/script-includes/LitmosTrainingClient.server.js.
declare module '@servicenow/glide/x_litmo_litmos_int' {
    export type LitmosResult =
        | { ok: true; status: number; data: any; replayed?: boolean }
        | { ok: false; status: number; message: string; problem?: any; unreachable: boolean; notConfigured?: boolean }

    type Query = { [name: string]: string | number | undefined }

    export class LitmosTrainingClient {
        static UNREACHABLE: string
        static NOT_CONFIGURED: string
        static KEY_REFUSED: string
        static CLONED: string
        static ALIAS_ID: string
        constructor(options?: { baseUrl?: string; apiKey?: string; timeoutMs?: number; sleep?: (ms: number) => void })
        static urlProblem(url: string): string
        baseUrl: string
        timeoutMs: number
        problem: string
        isConfigured(): boolean
        activate(instanceUrl: string): LitmosResult
        configuration(): LitmosResult
        upsertLearner(caller: { sys_id: string; user_name?: string; email?: string; first_name?: string; last_name?: string }): LitmosResult
        listCourses(agent: string, query: Query): LitmosResult
        catalog(cursor: string, limit: number): LitmosResult
        assignableCourses(agent: string): LitmosResult
        assignCourses(
            agent: string,
            body: { learner_id: string; course_ids: string[]; incident: { sys_id: string; number: string; table?: string }; send_message: boolean },
            idempotencyKey: string,
        ): LitmosResult
        recordIncident(incident: { sys_id: string; number: string; caller_sys_id: string; opened_at: string; category?: string; table?: string }): LitmosResult
        trainingUpdates(cursor: string, limit: number): LitmosResult
        request(method: string, path: string, opts: { query?: Query; body?: any; agent?: string; idempotencyKey?: string }): LitmosResult
    }
}
