import type { SettingsMessages } from './en';

const messages: SettingsMessages = {
  settings: {
    title: 'Tetapan',
    stationName: 'Nama stesen',
    language: 'Bahasa',
    sound: 'Bunyi bip setiap imbasan',
    soundOn: 'Hidup',
    soundOff: 'Mati',
    staleHours: 'Tandakan bungkusan tanpa kemas kini penjejakan selepas (jam)',
    qcUndoMinutes: 'Meja QC: buat asal dibenarkan selama (minit, 0 = tiada)',
    packPhoto: 'Gambar sebelum ditutup (meja pembungkusan, bungkusan terbuka)',
    packPhoto_required: 'Wajib',
    packPhoto_none: 'Tutup',
    idleMinutes: 'Log keluar penyelia selepas sekian minit tanpa aktiviti',
    scaleKind: 'Penimbang pembungkusan',
    scaleKinds: {
      none: 'Tiada penimbang (berat ditaip)',
      'mt-sics': 'Mettler Toledo (MT-SICS, bersiri)',
      cas: 'CAS (bersiri)',
      'hid-pos': 'Penimbang USB HID POS',
    },
    scaleAddress: 'Alamat penimbang',
    scaleAddressHint:
      'tcp://hos:port untuk jambatan bersiri-ke-rangkaian, atau laluan peranti seperti /dev/ttyUSB0 atau /dev/hidraw0.',
    supervisorOnly:
      'Nama stesen, amaran penjejakan, masa log keluar dan tempoh buat asal di meja QC mengubah cara stesen berfungsi: menyimpannya memerlukan kelulusan penyelia. Bahasa dan bunyi bip boleh anda tetapkan sendiri.',
    save: 'Simpan',
    saved: 'Disimpan.',
    stationKey: 'Pautan stesen',
    stationKeyHint:
      'Setiap skrin menyimpan pautannya walaupun stesen dimulakan semula. Untuk menyekat setiap skrin yang memiliki pautan (PC yang telah meninggalkan gudang, pautan yang telah dikongsi), pentadbir menjana kunci baharu; kemudian buka pautan baharu pada setiap skrin.',
    rotateKey: 'Jana kunci stesen baharu',
    newLink: 'Pautan baharu (skrin ini sudah menggunakannya):',
  },
};

export default messages;
