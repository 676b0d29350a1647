// Starts fake-backend.mjs in its own process and tells the test its base URL.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export async function startFakeBackend() {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./fake-backend.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })
    const port = await new Promise((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(String(d).trim()))
        child.once('exit', (code) => reject(new Error(`fake backend exited ${code}`)))
    })
    return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}
