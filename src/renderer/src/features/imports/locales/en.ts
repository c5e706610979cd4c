/** English texts of the supervisor's imports (ERP orders, SKU item classes). */
const messages = {
  imports: {
    orders: {
      title: 'Orders from a seller’s ERP (CSV)',
      what: 'The orders go into the pack queue. The whole file is checked first: one bad row and nothing is imported, unless you choose to import only the good orders.',
      seller: 'Seller',
      partial: 'Import the good orders and list the bad ones',
    },
    skuClasses: {
      title: 'Item classes by SKU (CSV: sku, item_class, serial_required)',
      what: 'Battery, liquid or aerosol for SKUs whose platform order names no class (TikTok Shop), so routing picks a carrier that takes them. Serial required: yes asks the packer for each unit’s serial number.',
    },
    file: 'CSV file',
    done: {
      orders: '{{file}}: {{created}} new, {{updated}} updated, {{unchanged}} unchanged.',
      skuClasses: '{{file}}: {{skus}} SKU(s) listed.',
    },
    refused: {
      orders_one: '{{file}}: nothing imported — {{count}} problem to fix first.',
      orders_other: '{{file}}: nothing imported — {{count}} problems to fix first.',
      skuClasses_one: '{{file}}: nothing imported — {{count}} problem to fix first.',
      skuClasses_other: '{{file}}: nothing imported — {{count}} problems to fix first.',
    },
    col: {
      line: 'Line',
      column: 'Column',
      problem: 'Problem',
    },
    problem: {
      not_utf8: 'The file is not UTF-8 text. Save it as “CSV UTF-8”.',
      csv_syntax: 'The CSV cannot be read here (a quote not closed?).',
      empty: 'The file is empty.',
      missing_column: 'A required column is missing.',
      unknown_column: 'A column this import does not know.',
      duplicate_column: 'A column appears twice.',
      field_count: 'This row has a different number of fields than the header.',
      invalid_value: 'This value cannot be used.',
      order_mismatch: 'Rows of the same order disagree (address, deadline…).',
      duplicate_line: 'The same order line appears twice.',
      duplicate_sku: 'The same SKU appears twice.',
      other: 'This row cannot be imported.',
    },
  },
  supervisor: {
    tabs: {
      imports: 'Imports',
    },
  },
  stepUp: {
    purpose: {
      packImportOrders: 'Import a seller’s orders.',
      packSkuClassesImport: 'Import the item classes by SKU.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      seller_required: 'Type the seller first.',
    },
  },
};

export type ImportsMessages = typeof messages;
export default messages;
