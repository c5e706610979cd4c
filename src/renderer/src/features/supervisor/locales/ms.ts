import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: 'Penyelia',
    asYourself: 'Log masuk sebagai {{name}}: anda bertindak atas nama sendiri.',
    atClerkScreen: 'Di skrin kerani: setiap tindakan memerlukan lencana atau PIN penyelia.',
    tabs: {
      approvals: 'Kelulusan',
      batches: 'Kelompok pemusnahan',
      rules: 'Peraturan pelupusan',
      shift: 'Syif QC',
      decisions: 'Keputusan',
      exceptions: 'Pengecualian',
      cutoffs: 'Masa tutup',
    },
  },
  stepUp: {
    purpose: {
      qcApproveDestroy: 'Luluskan pemusnahan unit pemulangan ini.',
      qcRejectDestroy: 'Tolak pemusnahan ini dan putuskan unit dengan cara lain.',
      qcCloseBatch: 'Tutup kelompok pemusnahan dan keluarkan sijilnya.',
      qcResolveException: 'Selesaikan bungkusan tidak dijangka dalam kuarantin.',
    },
  },
  supervision: {
    rejectReason: {
      repairable: 'Boleh dibaiki',
      resellable: 'Masih boleh dijual',
      evidence_insufficient: 'Bukti tidak mencukupi',
      wrong_grade: 'Gred salah',
      seller_wants_it_back: 'Penjual mahu ia dipulangkan',
      other: 'Lain-lain (tulis nota)',
    },
  },
};

export default messages;
