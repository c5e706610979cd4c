import type { RulesMessages } from './en';

const messages: RulesMessages = {
  rules: {
    supervisorOnly: '只有已登录的主管可以编辑规则表。请在右上角登录。',
    version: '规则表版本 {{version}}',
    unsaved: '已修改，未保存',
    keys: { select: '选择规则', move: '移动', add: '添加', remove: '删除', save: '保存' },
    saved_one: '已保存为版本 {{version}}；有 {{count}} 条提示请阅读。',
    saved_other: '已保存为版本 {{version}}；有 {{count}} 条提示请阅读。',
    rule: '规则',
    when: '条件',
    then: '处置',
    hasWarning: '此规则有提示',
    saveNote: '修改原因（随版本保存）',
    save: '保存为新版本',
    warningsTitle: '此规则表的效果（{{count}} 条提示）',
    noWarnings: '没有提示：每条规则都会处理一些货件，也没有被其他规则抢先。',
    history: '已保存的版本',
    builtIn: '内置',
    count_one: '{{count}} 条规则',
    count_other: '{{count}} 条规则',
    anything: '任何情况',
    field: { grades: '等级', categories: '品类', reasons: '退货原因', matches: '与订单一致？' },
    category: {
      electronics: '电子产品',
      apparel: '服装',
      footwear: '鞋类',
      cosmetics: '化妆品',
      home: '家居',
      general: '其他',
    },
    warning: {
      unreachable: '规则 {{rule}} 永远不会生效：{{by}} 先处理了它的全部货件。',
      overlap: '规则 {{by}} 排在前面，把 {{count}} 种货件处置为{{as}}，而 {{rule}} 会作出不同处置。',
      gap: '{{count}} 种货件只符合最后一条规则，因此会被处置为{{disposition}}。',
      empty_value_range: '规则 {{rule}} 在 {{currency}} 下永远不会符合：“至少”不低于“低于”。',
    },
    id: '规则编号（a-z、0-9、- 和 _）',
    lastRule: '最后一条规则处理其他规则都不符合的货件；它没有条件。',
    atLeast: '商品价值至少',
    below: '商品价值低于',
    moneyFormat: '金额请写成“500 THB”或“500 THB, 20 USD”。',
    note: '规则的用途',
  },
};

export default messages;
