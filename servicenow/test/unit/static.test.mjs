// Rules the source must keep, checked on the files and on the built app (run after
// `now-sdk build`): one HTTP path, hand-written require() paths that the platform will
// resolve, and no key handling in browser code.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const files = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    )
const read = (f) => readFileSync(join(root, f), 'utf8')
const sources = files('src').filter((f) => /\.(js|ts)$/.test(f) && !f.includes('generated'))

describe('source rules', () => {
    it('only LitmosTrainingClient makes HTTP calls', () => {
        const http = sources.filter((f) => /RESTMessageV2|sn_ws\.|GlideHTTP|XMLHttpRequest|fetch\(/.test(read(f)))
        assert.deepEqual(http, ['src/script-includes/LitmosTrainingClient.server.js'])
    })

    it('browser code never touches the API key or the configuration table', () => {
        for (const f of sources.filter((f) => f.startsWith('src/ui/') || f.endsWith('.client.js'))) {
            assert.doesNotMatch(read(f), /api_key|x_litmo_litmos_int_configuration|Authorization/, f)
        }
        for (const f of sources.filter((f) => f.startsWith('src/fluent/'))) {
            const text = read(f)
            for (const m of text.matchAll(/script: `([\s\S]*?)`/g)) assert.doesNotMatch(m[1], /api_key|Authorization/, f)
        }
    })

    it('Fluent files only declare records (scripts they carry are strings)', () => {
        for (const f of sources.filter((f) => f.startsWith('src/fluent/'))) {
            const declarations = read(f).replace(/script: `[\s\S]*?`/g, 'script: ``')
            assert.doesNotMatch(declarations, /GlideRecord|LitmosTrainingClient\(|\.execute\(\)|\bfor \(|\bwhile \(/, f)
        }
    })
})

describe('ATF tests', () => {
    it('name the Assign Courses action by its sys_id in generated/keys.ts', () => {
        const keys = read('src/fluent/generated/keys.ts')
        const id = /'action-assign-courses': \{\s*table: 'sys_ui_action'\s*id: '([0-9a-f]{32})'/.exec(keys)[1]
        assert.match(read('src/fluent/atf.now.ts'), new RegExp(`ASSIGN_COURSES_ACTION = '${id}'`))
    })
})

describe('built app', () => {
    const update = join(root, 'dist/app/update')
    it('was built (ci-offline.sh runs now-sdk build first)', () => assert.ok(existsSync(update), 'run `npx now-sdk build` first'))
    const built = existsSync(update) ? readdirSync(update).map((f) => readFileSync(join(update, f), 'utf8')) : []
    const modulePaths = built.flatMap((x) => [...x.matchAll(/<path>([^<]+)<\/path>/g)].map((m) => m[1]))

    it('no hand-written require() path carries the app version; built ones name modules the app ships', async () => {
        for (const f of sources) assert.doesNotMatch(read(f), /x_litmo_litmos_int\/[^/'"\s]+\/\d+\.\d+\.\d+\//, f)
        // The ATF scripts and the Ajax bridge name modules after the build's module_path property.
        const wanted = sources.flatMap((f) =>
            [...read(f).matchAll(/require\((?:gs\.getProperty\('x_litmo_litmos_int\.module_path'\) \+ '\/|LitmosTrainingAjax\.module\(')([^']+)'\)?\)\.(\w+)/g)].map((m) => ({ file: f, rel: m[1], fn: m[2] })),
        )
        const property = built.find((x) => x.includes('<name>x_litmo_litmos_int.module_path</name>')) || ''
        const modulePath = /<value>([^<]+)<\/value>/.exec(property)
        assert.ok(modulePath, 'the module_path property is built')
        const base = modulePath[1]
        assert.ok(wanted.length >= 3, 'the ATF scripts and the Ajax bridge require modules')
        for (const w of wanted) {
            assert.ok(modulePaths.includes(`${base}/${w.rel}`), `${w.file}: ${base}/${w.rel} is not a built sys_module`)
            const mod = await import(join(root, w.rel))
            assert.equal(typeof mod[w.fn], 'function', `${w.path} exports ${w.fn}`)
        }
        const pkg = JSON.parse(read('package.json'))
        assert.equal(base, `x_litmo_litmos_int/${pkg.name}/${pkg.version}`)
    })

    it('ships the role, the menu, both script includes, the local tables, the jobs and the tests', () => {
        const all = built.join('\n')
        for (const needle of [
            '<name>x_litmo_litmos_int.litmos_training_user</name>',
            '<title>Litmos Training</title>',
            '<name>LitmosTrainingClient</name>',
            '<name>LitmosTrainingAjax</name>',
            '<name>x_litmo_litmos_int_course</name>',
            '<name>x_litmo_litmos_int_training</name>',
            'sysauto_script',
            'sys_atf_test',
        ]) {
            assert.ok(all.includes(needle), needle)
        }
        assert.doesNotMatch(all, /sys_script_vtable|<scriptable_table>true</, 'no remote tables: no IntegrationHub entitlement needed')
        assert.equal(relative(root, update), join('dist', 'app', 'update'))
    })
})

describe('ATF tests as shipped', () => {
    it('only the UI checks are active; tests that need or create Litmos data are inactive and say so', async () => {
        const { declared } = await import('../support/app.mjs')
        const tests = declared('Test')
        assert.ok(tests.length >= 4)
        for (const t of tests) {
            const touchesLitmos = /LitmosTrainingClient|assignSelected|syncCatalog/.test(String(t.fn))
            assert.equal(t.active, !touchesLitmos, t.name)
            if (!t.active) assert.match(t.description, /^Shipped inactive: /, t.name)
        }
    })
})
