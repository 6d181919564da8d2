/**
 * An agency id is the report's folder under content/ (`ruzhou-wsjkw`): it
 * names the output folder and the portal's URL, so it stays plain ASCII.
 */
export const AGENCY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
