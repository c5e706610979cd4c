/** Chinese texts of the supervisor's imports (ERP orders, SKU item classes). */
import type { ImportsMessages } from './en';

const messages: ImportsMessages = {
  imports: {
    orders: {
      title: '卖家 ERP 订单（CSV）',
      what: '订单进入打包队列。先检查整个文件：只要有一行错误就不导入，除非选择只导入正确的订单。',
      seller: '卖家',
      partial: '导入正确的订单，列出错误的订单',
    },
    skuClasses: {
      title: '按 SKU 的货物类别（CSV：sku, item_class, serial_required）',
      what: '为平台订单未注明类别的 SKU（TikTok Shop）标注电池、液体或喷雾，以便路由选择接收它们的承运商。需要序列号：填 yes 则打包员须逐件扫描序列号。',
    },
    file: 'CSV 文件',
    done: {
      orders: '{{file}}：新增 {{created}}，更新 {{updated}}，未变 {{unchanged}}。',
      skuClasses: '{{file}}：已登记 {{skus}} 个 SKU。',
    },
    refused: {
      orders_one: '{{file}}：未导入——先修正 {{count}} 个问题。',
      orders_other: '{{file}}：未导入——先修正 {{count}} 个问题。',
      skuClasses_one: '{{file}}：未导入——先修正 {{count}} 个问题。',
      skuClasses_other: '{{file}}：未导入——先修正 {{count}} 个问题。',
    },
    col: {
      line: '行',
      column: '列',
      problem: '问题',
    },
    problem: {
      not_utf8: '文件不是 UTF-8 文本。请另存为“CSV UTF-8”。',
      csv_syntax: '无法读取此 CSV（引号未闭合？）。',
      empty: '文件是空的。',
      missing_column: '缺少必需的列。',
      unknown_column: '此导入不认识的列。',
      duplicate_column: '某列出现了两次。',
      field_count: '此行的字段数与表头不同。',
      invalid_value: '此值无法使用。',
      order_mismatch: '同一订单的各行不一致（地址、截止时间……）。',
      duplicate_line: '同一订单行出现了两次。',
      duplicate_sku: '同一 SKU 出现了两次。',
      other: '此行无法导入。',
    },
  },
  supervisor: {
    tabs: {
      imports: '导入',
    },
  },
  stepUp: {
    purpose: {
      packImportOrders: '导入卖家的订单。',
      packSkuClassesImport: '导入按 SKU 的货物类别。',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      seller_required: '请先输入卖家。',
    },
  },
};

export default messages;
