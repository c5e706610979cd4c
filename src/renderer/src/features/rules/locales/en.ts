/** English texts of the disposition rules editor: the reference every other language must match. */
const messages = {
  rules: {
    supervisorOnly: 'Only a signed-in supervisor edits the rule table. Sign in at the top right.',
    version: 'Rule table version {{version}}',
    unsaved: 'changed, not saved',
    keys: { select: 'rule', move: 'move it', add: 'add', remove: 'remove', save: 'save' },
    saved_one: 'Saved as version {{version}}; {{count}} warning to read.',
    saved_other: 'Saved as version {{version}}; {{count}} warnings to read.',
    rule: 'Rule',
    when: 'When',
    then: 'Then',
    hasWarning: 'This rule has a warning',
    saveNote: 'Why this change (kept with the version)',
    save: 'Save as a new version',
    warningsTitle: 'What this table does ({{count}} warnings)',
    noWarnings: 'No warning: every rule decides some units, and none is taken by another.',
    history: 'Saved versions',
    builtIn: 'built in',
    count_one: '{{count}} rule',
    count_other: '{{count}} rules',
    anything: 'anything',
    field: {
      grades: 'Grade',
      categories: 'Category',
      reasons: 'Return reason',
      matches: 'Item as expected?',
    },
    category: {
      electronics: 'Electronics',
      apparel: 'Apparel',
      footwear: 'Footwear',
      cosmetics: 'Cosmetics',
      home: 'Home',
      general: 'General',
    },
    warning: {
      unreachable: 'Rule {{rule}} never decides anything: {{by}} take all of its units first.',
      overlap:
        'Rule {{by}} comes first and decides {{count}} kinds of unit as {{as}} that {{rule}} would decide otherwise.',
      gap: '{{count}} kinds of unit fit no rule but the last one, so they become {{disposition}}.',
      empty_value_range: 'Rule {{rule}} can never fit in {{currency}}: “at least” is not below “below”.',
    },
    id: 'Rule id (a-z, 0-9, - and _)',
    lastRule: 'The last rule decides every unit no other rule fits; it has no conditions.',
    atLeast: 'Item value at least',
    below: 'Item value below',
    moneyFormat: 'Write amounts as “500 THB” or “500 THB, 20 USD”.',
    note: 'Why the rule exists',
  },
};

export type RulesMessages = typeof messages;
export default messages;
