/** The step that looks the caller up at the CRM `crm`, saving their tier, then goes on to `next`. */
export function crmLookupStep(crm: string, next: string): string {
  return `  lookup:
    type: http
    method: GET
    url: "${crm}/customers?phone={{caller.number}}"
    save: { tier: customer.tier }
    success: ${next}
    failure: ${next}
`;
}

/** A callback on the sales queue, then goodbye. */
export const CALLBACK_STEP = `  callback:
    type: callback
    say: "We will call you back."
    queue: sales
    next: goodbye
`;

/** The flow the runtime's call tests run: every step type a caller can reach, an http lookup at `crm`. */
export function acmeFlow(crm: string): string {
  return `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Welcome to <Acme> & co."
    next: lookup
${crmLookupStep(crm, 'hours')}  hours:
    type: business-hours
    timezone: America/New_York
    hours:
      mon-fri: ["09:00-17:00"]
    open: menu
    closed: voicemail
  menu:
    type: menu
    say: "For sales press 1, support 2, your account 3, a callback 4."
    options: { "1": sales, "2": support, "3": account, "4": callback }
    timeout: 3
    attempts: 2
    no-input: voicemail
    invalid: voicemail
  account:
    type: collect
    say: "Enter your account number, then the pound key."
    variable: account
    min-digits: 4
    max-digits: 8
    next: confirm
    no-input: voicemail
  confirm:
    type: play
    say: "Account {{account}}, tier {{tier}}."
    next: goodbye
  sales:
    type: assign-dial
    queue: sales
    priority: 5
    timeout: 30
    no-answer: voicemail
  support:
    type: transfer
    to: "+14155550199"
    failed: voicemail
${CALLBACK_STEP}  voicemail:
    type: voicemail
    say: "Please leave a message."
    next: goodbye
  goodbye:
    type: hangup
    say: "Goodbye."
`;
}
