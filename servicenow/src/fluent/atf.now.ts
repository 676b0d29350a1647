// Automated Test Framework tests packed with the app, for a customer's administrator to
// run on their own instance once the app is configured (Litmos Training >
// Configurations) and x_litmo_litmos_int.atf_agent names a Litmos Administrator.
import '@servicenow/sdk/global'
import { Property, Test } from '@servicenow/sdk/core'
import { litmosTrainingUser } from './app.now'

/** The sys_id of the "Assign Courses" UI action (generated/keys.ts: 'action-assign-courses'). */
const ASSIGN_COURSES_ACTION = '509d11f515c640da9a48a99d79849f19'

Property({
    $id: Now.ID['property-atf-agent'],
    name: 'x_litmo_litmos_int.atf_agent',
    type: 'string',
    value: '',
    description: 'ATF only: the e-mail (or Litmos user name) of a Litmos Administrator the packed tests act as.',
    roles: { read: ['admin'], write: ['admin'] },
})

Property({
    $id: Now.ID['property-atf-learner'],
    name: 'x_litmo_litmos_int.atf_learner_email',
    type: 'string',
    value: 'litmos-atf-learner@example.com',
    description: 'ATF only: the e-mail of the test Caller that the assignment test assigns a course to in Litmos.',
    roles: { read: ['admin'], write: ['admin'] },
})

export const buttonShowsForRole = Test(
    {
        $id: Now.ID['atf-button-visible'],
        name: 'Litmos Training: Assign Courses shows for the Litmos Training User role',
        description: 'An ITIL agent with the Litmos Training User role sees "Assign Courses" on an incident that has a Caller.',
        active: true,
        failOnServerError: true,
    },
    (atf) => {
        const caller = atf.server.createUser({ $id: Now.ID['atf-visible-caller'], firstName: 'ATF', lastName: 'Caller', impersonate: false })
        atf.server.createUser({
            $id: Now.ID['atf-visible-agent'],
            firstName: 'ATF',
            lastName: 'Agent',
            roles: ['itil', litmosTrainingUser],
            impersonate: true,
        })
        const incident = atf.server.recordInsert({
            $id: Now.ID['atf-visible-incident'],
            table: 'incident',
            fieldValues: { short_description: 'Litmos Training ATF: button visibility', caller_id: caller.user },
            enforceSecurity: false,
        })
        atf.form.openExistingRecord({ $id: Now.ID['atf-visible-open'], table: 'incident', recordId: incident.record_id })
        atf.form.uiActionVisibility({ $id: Now.ID['atf-visible-check'], table: 'incident', visible: [ASSIGN_COURSES_ACTION] })
    },
)

export const buttonHiddenWithoutRole = Test(
    {
        $id: Now.ID['atf-button-hidden'],
        name: 'Litmos Training: Assign Courses is hidden without the role',
        description: 'An ITIL agent without the Litmos Training User role does not see "Assign Courses".',
        active: true,
        failOnServerError: true,
    },
    (atf) => {
        const caller = atf.server.createUser({ $id: Now.ID['atf-hidden-caller'], firstName: 'ATF', lastName: 'Caller', impersonate: false })
        atf.server.createUser({ $id: Now.ID['atf-hidden-agent'], firstName: 'ATF', lastName: 'Agent', roles: ['itil'], impersonate: true })
        const incident = atf.server.recordInsert({
            $id: Now.ID['atf-hidden-incident'],
            table: 'incident',
            fieldValues: { short_description: 'Litmos Training ATF: button hidden', caller_id: caller.user },
            enforceSecurity: false,
        })
        atf.form.openExistingRecord({ $id: Now.ID['atf-hidden-open'], table: 'incident', recordId: incident.record_id })
        atf.form.uiActionVisibility({ $id: Now.ID['atf-hidden-check'], table: 'incident', notVisible: [ASSIGN_COURSES_ACTION] })
    },
)

export const courseListLoads = Test(
    {
        $id: Now.ID['atf-course-list'],
        name: 'Litmos Training: the course list loads',
        description:
            'Shipped inactive: needs the app configured with a Litmos account and x_litmo_litmos_int.atf_agent set to a Litmos Administrator of it. Lists the courses that agent may assign.',
        active: false,
        failOnServerError: true,
    },
    (atf) => {
        atf.server.runServerSideScript({
            $id: Now.ID['atf-course-list-script'],
            jasmineVersion: '3.1',
            script: `(function (outputs, steps, params, stepResult, assertEqual) {
    describe('Litmos Training course list', function () {
        it('lists courses for a Litmos Administrator', function () {
            var agent = gs.getProperty('x_litmo_litmos_int.atf_agent', '');
            expect(agent).not.toBe('');
            var result = require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/catalog.js').syncCatalog();
            expect(result.message).toBeUndefined();
            expect(result.ok).toBe(true);
            expect(result.inserted + result.updated + result.unchanged).toBeGreaterThan(0);
            stepResult.setOutputMessage(result.requests + ' requests; ' + result.inserted + ' new, ' + result.updated + ' changed, ' + result.removed + ' removed');
        });
    });
})(outputs, steps, params, stepResult, assertEqual);
jasmine.getEnv().execute();`,
        })
    },
)

export const assignmentShowsMessages = Test(
    {
        $id: Now.ID['atf-assign'],
        name: 'Litmos Training: an assignment shows its messages',
        description:
            'Shipped inactive: creates Litmos data (a learner for the ATF Caller and an assignment) in the configured Litmos account. Assigns the first listed course to the ATF Caller and expects the success line or "is already assigned".',
        active: false,
        failOnServerError: true,
    },
    (atf) => {
        atf.server.runServerSideScript({
            $id: Now.ID['atf-assign-script'],
            jasmineVersion: '3.1',
            script: `(function (outputs, steps, params, stepResult, assertEqual) {
    describe('Litmos Training assignment', function () {
        it('shows the backend messages', function () {
            var agent = gs.getProperty('x_litmo_litmos_int.atf_agent', '');
            var email = gs.getProperty('x_litmo_litmos_int.atf_learner_email', 'litmos-atf-learner@example.com');
            expect(agent).not.toBe('');
            var user = new GlideRecord('sys_user');
            user.initialize();
            user.setValue('user_name', email);
            user.setValue('email', email);
            user.setValue('first_name', 'ATF');
            user.setValue('last_name', 'Learner');
            var caller = user.insert();
            var incident = new GlideRecord('incident');
            incident.initialize();
            incident.setValue('short_description', 'Litmos Training ATF: assignment');
            incident.setValue('caller_id', caller);
            var incidentId = incident.insert();
            require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/catalog.js').syncCatalog();
            var course = new GlideRecord('x_litmo_litmos_int_course');
            course.setWorkflow(false);
            course.addQuery('active', true);
            course.addQuery('removed', false);
            course.orderBy('name');
            course.setLimit(1);
            course.query();
            expect(course.next()).toBe(true);
            // The test user acts as the ATF agent: its Litmos identity, set as an
            // administrator would (ATF rolls the record back after the test).
            var identity = new GlideRecord('x_litmo_litmos_int_agent');
            if (!identity.get('user', gs.getUserID())) {
                identity.initialize();
                identity.setValue('user', gs.getUserID());
            }
            identity.setValue('litmos_user', agent);
            identity.setValue('source', 'admin');
            if (identity.isNewRecord()) identity.insert(); else identity.update();
            var result = require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/assign.js').assignSelected({
                recordSysId: incidentId, table: 'incident', checked: course.getUniqueValue(), requestKey: 'atf' + new Date().getTime()
            });
            expect(result.error).toBeUndefined();
            expect(result.ok).toBe(true);
            expect(result.messages.length).toBe(1);
            var line = result.messages[0];
            var name = course.getValue('name');
            expect(line === 'You have successfully assigned these courses: ' + name || line === name + ' is already assigned').toBe(true);
            stepResult.setOutputMessage(line);
        });
    });
})(outputs, steps, params, stepResult, assertEqual);
jasmine.getEnv().execute();`,
        })
    },
)
