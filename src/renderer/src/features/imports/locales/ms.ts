/** Malay texts of the supervisor's imports (ERP orders, SKU item classes). */
import type { ImportsMessages } from './en';

const messages: ImportsMessages = {
  imports: {
    orders: {
      title: 'Pesanan dari ERP penjual (CSV)',
      what: 'Pesanan masuk ke barisan pembungkusan. Seluruh fail disemak dahulu: satu baris salah dan tiada apa diimport, melainkan anda memilih untuk mengimport pesanan yang betul sahaja.',
      seller: 'Penjual',
      partial: 'Import pesanan yang betul dan senaraikan yang salah',
    },
    skuClasses: {
      title: 'Kelas barang mengikut SKU (CSV: sku, item_class, serial_required)',
      what: 'Bateri, cecair atau aerosol untuk SKU yang pesanan platformnya tidak menamakan kelas (TikTok Shop), supaya penghalaan memilih kurier yang menerimanya. Nombor siri diperlukan: yes meminta pembungkus mengimbas nombor siri setiap unit.',
    },
    file: 'Fail CSV',
    done: {
      orders: '{{file}}: {{created}} baharu, {{updated}} dikemas kini, {{unchanged}} tidak berubah.',
      skuClasses: '{{file}}: {{skus}} SKU disenaraikan.',
    },
    refused: {
      orders_one: '{{file}}: tiada yang diimport — betulkan {{count}} masalah dahulu.',
      orders_other: '{{file}}: tiada yang diimport — betulkan {{count}} masalah dahulu.',
      skuClasses_one: '{{file}}: tiada yang diimport — betulkan {{count}} masalah dahulu.',
      skuClasses_other: '{{file}}: tiada yang diimport — betulkan {{count}} masalah dahulu.',
    },
    col: {
      line: 'Baris',
      column: 'Lajur',
      problem: 'Masalah',
    },
    problem: {
      not_utf8: 'Fail ini bukan teks UTF-8. Simpan sebagai “CSV UTF-8”.',
      csv_syntax: 'CSV ini tidak dapat dibaca (tanda petik tidak ditutup?).',
      empty: 'Fail ini kosong.',
      missing_column: 'Lajur wajib tiada.',
      unknown_column: 'Lajur yang tidak dikenali oleh import ini.',
      duplicate_column: 'Satu lajur muncul dua kali.',
      field_count: 'Baris ini mempunyai bilangan medan yang berbeza daripada pengepala.',
      invalid_value: 'Nilai ini tidak boleh digunakan.',
      order_mismatch: 'Baris pesanan yang sama tidak sepadan (alamat, tarikh akhir…).',
      duplicate_line: 'Baris pesanan yang sama muncul dua kali.',
      duplicate_sku: 'SKU yang sama muncul dua kali.',
      other: 'Baris ini tidak dapat diimport.',
    },
  },
  supervisor: {
    tabs: {
      imports: 'Import',
    },
  },
  stepUp: {
    purpose: {
      packImportOrders: 'Import pesanan penjual.',
      packSkuClassesImport: 'Import kelas barang mengikut SKU.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      seller_required: 'Taip nama penjual dahulu.',
    },
  },
};

export default messages;
