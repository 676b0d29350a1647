// The stand-in backend's catalog, for the backend (fake-backend.mjs) and the tests that
// seed the course table with the same courses (importing fake-backend.mjs would start it).
export const COURSES = [
    { id: 'C1', code: 'BIL1', name: 'Billing <Basics> & "More"', description: 'Invoices <b>and</b> refunds', active: true },
    { id: 'C2', code: 'PWD1', name: 'Password reset', description: 'Self-service', active: true },
    { id: 'C3', code: 'SEC1', name: "Security 'first'", description: 'Phishing', active: true },
]
