// "Your support agent assigned you training": when the tenant has start links on, an
// assignment (the course window or the Flow Designer action) fires the event
// x_litmo_litmos_int.start_links for the record (parm1: the caller's sys_user sys_id,
// the recipient; parm2: the course ids). Its notifications (one per table, editable by
// the customer) e-mail the caller the course names and one Start button per course,
// built by the mail script from a fresh read of the record's training: the links are
// in the e-mail only, never in the event, a log or a work note.
import '@servicenow/sdk/global'
import { EmailNotification, Record } from '@servicenow/sdk/core'

export const startLinksEvent = Record({
    $id: Now.ID['event-start-links'],
    table: 'sysevent_register',
    data: {
        suffix: 'start_links',
        event_name: 'x_litmo_litmos_int.start_links',
        description: 'Courses with start links were assigned to the caller of an incident or case (parm1: caller, parm2: course ids)',
        table: 'task',
        fired_by: 'Litmos Training: Assign Courses (window and Flow action), src/server/start-links.js',
        priority: 100,
    },
})

export const startButtonsScript = Record({
    $id: Now.ID['mail-script-start-buttons'],
    table: 'sys_script_email',
    data: {
        name: 'x_litmo_litmos_int_start_buttons',
        new_lines_to_html: false,
        script: `(function runMailScript(current, template, email, email_action, event) {
    template.print(require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/start-links.js').startButtonsHtml(current, event.parm2));
})(current, template, email, email_action, event);`,
    },
})


export const startLinksIncidentNotification = EmailNotification({
    $id: Now.ID['notification-start-links-incident'],
    table: 'incident',
    name: 'Litmos Training: start links for the caller (incident)',
    description:
        'E-mails the caller the courses their support agent assigned from an incident, with one Start button per course (sent when the tenant has start links on). Edit the wording as you like; keep ${mail_script:x_litmo_litmos_int_start_buttons}.',
    active: true,
    triggerConditions: { generationType: 'event', eventName: 'x_litmo_litmos_int.start_links' },
    recipientDetails: { eventParm1WithRecipient: true, sendToCreator: false },
    emailContent: {
        contentType: 'text/html',
        subject: 'Your support agent assigned you training',
        messageHtml: `<p>Your support agent assigned you training about \${number}.</p>\${mail_script:x_litmo_litmos_int_start_buttons}<p>Each Start button opens the course in Litmos; it works for a limited time.</p>`,
    },
})

export const startLinksCaseNotification = EmailNotification({
    $id: Now.ID['notification-start-links-case'],
    table: 'sn_customerservice_case',
    name: 'Litmos Training: start links for the caller (case)',
    description:
        'E-mails the contact or consumer the courses their support agent assigned from a case, with one Start button per course (sent when the tenant has start links on). Edit the wording as you like; keep ${mail_script:x_litmo_litmos_int_start_buttons}.',
    active: true,
    triggerConditions: { generationType: 'event', eventName: 'x_litmo_litmos_int.start_links' },
    recipientDetails: { eventParm1WithRecipient: true, sendToCreator: false },
    emailContent: {
        contentType: 'text/html',
        subject: 'Your support agent assigned you training',
        messageHtml: `<p>Your support agent assigned you training about \${number}.</p>\${mail_script:x_litmo_litmos_int_start_buttons}<p>Each Start button opens the course in Litmos; it works for a limited time.</p>`,
    },
})
