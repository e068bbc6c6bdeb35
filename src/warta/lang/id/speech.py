"""Indonesian reported-speech words, as data: speech verbs, pronouns, title words, attribution cues.

Used by `warta.facts.quotes` (who said what) and `warta.facts.attributions` (who a claim comes
from). All entries are lowercase; callers match on the lowercased token.
"""
from __future__ import annotations

# Base (root) forms that follow a direct quote: "“…,” kata Budi", "“…,” ujarnya".
# Each may carry -nya ("ujarnya" = "he/she said") which points back to the last speaker.
# ("tanya" is a root that happens to end in -nya: it names its speaker, "tanya Ayu".)
QUOTE_TAIL_VERBS: frozenset[str] = frozenset({
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "sebut", "tegas", "tulis", "beber", "imbuh",
    "tambah", "terang", "papar", "klaim", "lanjut", "sambung", "tandas", "pungkas", "cetus", "seru",
    "tanya", "timpal", "kenang", "aku", "urai", "bilang", "pinta", "harap", "ajak", "ingat",
    "jawab", "tukas", "sergah", "tuding", "kilah", "bantah", "akui", "katakan", "sahut", "celetuk",
    "imbau", "simpul", "nilai", "kisah", "curhat",
})

# Full (meN-/ber-) verbs that introduce speech: "Budi mengatakan, “…”" / "Budi mengatakan bahwa …".
# These take a content clause directly ("Perry mengatakan pihaknya …"), so no "bahwa" is needed.
SPEECH_VERBS: frozenset[str] = frozenset({
    "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "menuturkan", "mengungkapkan",
    "mengungkap", "menyebut", "menyebutkan", "menambahkan", "menerangkan", "memaparkan",
    "mengklaim", "mengaku", "mengakui", "menilai", "memastikan", "menekankan", "meyakini",
    "menjamin", "membenarkan", "bilang", "berkata", "membeberkan", "berpendapat", "menduga",
    "memperkirakan", "menandaskan", "mengemukakan", "mengutarakan", "menyampaikan", "mengingatkan",
    "menuding", "membantah", "menampik", "menyangkal", "melanjutkan", "mengimbuhkan",
    "menceritakan", "mengisahkan", "memprediksi", "menganggap", "mengeklaim", "mengamini",
    "menulis", "menyinggung", "menggarisbawahi", "berujar", "bertutur", "berucap", "menimpali",
    "menyimpulkan", "mengonfirmasi", "mengkonfirmasi",
})

# Of SPEECH_VERBS, those that also take plain objects ("menyampaikan keluhannya", "menulis buku"):
# they count as indirect speech only before "bahwa"/"jika"/a comma/a colon.
WEAK_SPEECH_VERBS: frozenset[str] = frozenset({
    "menyampaikan", "mengingatkan", "menyinggung", "menulis", "menceritakan", "mengisahkan",
    "melanjutkan", "mengonfirmasi", "mengkonfirmasi", "mengamini", "membantah", "menampik",
    "menyangkal", "mengakui", "memprediksi", "memperkirakan", "menduga", "menuding",
})

# Words that open the reported clause and are not part of it.
COMPLEMENTIZERS: frozenset[str] = frozenset({"bahwa", "jika", "kalau", "apabila"})

# Adverbs that may sit between a speaker and the verb ("Dasco juga mengatakan").
SUBJECT_ADVERBS: frozenset[str] = frozenset({
    "juga", "pun", "kemudian", "lantas", "lalu", "sebelumnya", "sendiri", "turut", "kembali",
    "pula", "sempat", "telah", "sudah", "bahkan", "tetap", "hanya", "justru", "secara", "terpisah",
    "mengaku", "kerap", "sering", "pernah", "tak", "tidak", "belum", "akhirnya", "langsung",
})

# Personal pronouns that stand for the last speaker or person named.
PRONOUNS: frozenset[str] = frozenset({"ia", "dia", "beliau", "dirinya", "nya", "ianya"})

# Words that end a speaker phrase after the verb ("kata Budi di Jakarta", "ujar Ani saat ...").
SPEAKER_STOPS: frozenset[str] = frozenset({
    "di", "dalam", "saat", "kepada", "ketika", "usai", "seusai", "setelah", "sebelum", "pada",
    "melalui", "lewat", "via", "dikutip", "dilansir", "mengutip", "seperti", "yang", "dari", "ke",
    "dengan", "sambil", "sembari", "dan", "atau", "tentang", "soal", "terkait", "mengenai",
    "menjelang", "jelang", "selepas", "sesuai", "ditemui", "dihubungi", "waktu", "kala", "tatkala",
    "beberapa", "pekan", "hari", "kemarin", "tadi", "sebagaimana", "kepadanya", "menanggapi",
    "terhadap", "bersama", "selaku", "sebagai", "yakni", "yaitu", "pun", "juga", "lagi", "kembali",
    "mengatakan", "menjelaskan", "menambahkan", "menegaskan", "sekaligus", "mengacu", "merujuk",
    "dinukil", "diwawancarai", "diwawancara", "dikonfirmasi",
})

# Lowercase words that may stand before a name after the verb ("ujar pengacara Budi",
# "kata adik kandung Ani"): skipped when a capitalised name follows.
SPEAKER_DESCRIPTORS: frozenset[str] = frozenset({
    "orator", "demonstran", "massa", "pendemo", "peserta", "penonton", "pengunjung", "pembeli",
    "penumpang", "pasien", "keluarga", "narasumber", "responden", "pejabat", "petugas",
    "perwakilan", "dr", "drg", "prof", "pak", "bu", "bapak", "mas", "mbak", "bang", "kak", "ustaz",
    "ustadz", "kiai", "sang", "si", "pengacara", "kuasa", "hukum", "adik", "kakak", "kandung",
    "ayah", "ibu", "istri", "suami", "anak", "putra", "putri", "paman", "bibi", "kakek", "nenek",
    "warga", "salah", "satu", "seorang", "seseorang", "juru", "bicara", "pengamat", "peneliti",
    "ekonom", "analis", "pakar", "ahli", "dosen", "guru", "mahasiswa", "siswa", "pelatih", "pemain",
    "penyerang", "bek", "kiper", "gelandang", "kapten", "rekan", "teman", "sahabat", "tetangga",
    "pemilik", "pengelola", "pedagang", "sopir", "pengemudi", "petani", "nelayan", "buruh",
    "aktivis", "politikus", "politisi", "legislator", "anggota", "mantan", "eks", "founder",
    "pendiri", "bos", "tim", "pihak", "kepala", "ketua", "wakil", "direktur", "manajer", "staf",
    "koordinator", "penyidik", "jaksa", "hakim", "saksi", "korban", "tersangka", "terdakwa",
    "ibunda", "ayahanda", "orang", "tua", "pesepak", "bola", "pebulu", "tangkis", "pembalap",
    "penyanyi", "aktor", "aktris", "artis", "komedian", "presenter", "selebgram", "youtuber",
    "influencer", "kreator", "konten", "almarhum", "mendiang", "dokter", "perawat", "bidan",
    "camat", "lurah", "kades", "bupati", "gubernur", "menteri", "presiden", "penasihat", "pengurus",
    "pegiat", "relawan", "pelaku", "pemuda", "wartawan", "jurnalis", "redaktur",
})

# Title and rank words written before a person's name and not part of it
# ("Menteri Keuangan Sri Mulyani", "Kapolri Jenderal Listyo Sigit", "AKP Budi").
TITLE_WORDS: frozenset[str] = frozenset({
    "marinir", "pertama", "muda", "madya", "tni", "polri",
    "ri", "presiden", "wakil", "wapres", "menteri", "menko", "mendagri", "menkeu", "menlu",
    "menhan", "mensesneg", "gubernur", "wagub", "bupati", "wabup", "wali", "walikota", "wawali",
    "camat", "lurah", "kades", "ketua", "ketum", "umum", "sekretaris", "sekjen", "sekda",
    "jenderal", "bendahara", "direktur", "dirut", "utama", "komisaris", "kepala", "kabag", "kabid",
    "kasubbid", "kapolri", "wakapolri", "kapolda", "kapolres", "kapolresta", "kapolrestabes",
    "kapolsek", "kasat", "kasatreskrim", "kasatlantas", "kabareskrim", "kadiv", "humas", "panglima",
    "pangdam", "danrem", "dandim", "kolonel", "letkol", "mayor", "kapten", "brigjen", "irjen",
    "komjen", "kombes", "kombes pol", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda",
    "bripka", "brigpol", "briptu", "bripda", "marsekal", "laksamana", "letjen", "mayjen", "laksda",
    "marsda", "juru", "bicara", "jubir", "anggota", "pimpinan", "koordinator", "penasihat",
    "rektor", "dekan", "hakim", "jaksa", "kajati", "kajari", "kasi", "kasipidsus", "kasipenkum",
    "kapuspen", "kapendam", "kadis", "plt", "plh", "pj", "penjabat", "dubes", "duta", "besar",
    "perdana", "raja", "pangeran", "pelatih", "manajer", "ceo", "dr", "drs", "dra", "prof", "ir",
    "h", "hj", "kh", "bapak", "pak", "ibu", "bu", "mas", "mbak", "bang", "kak", "tuan", "nyonya",
    "ustaz", "ustadz", "habib", "gus", "syekh", "romo", "pendeta", "almarhum", "almarhumah",
    "mendiang", "sang", "pol", "purn", "dirjen", "direktorat", "deputi", "asisten", "staf",
    "khusus", "ahli", "senior", "eksekutif", "kabiro", "biro", "divisi", "bidang", "seksi", "sub",
    "subdit", "kasubdit", "dirreskrimum", "dirreskrimsus", "dirlantas", "kabidhumas", "kasubbag",
    "kanit", "kasatreskoba", "senator", "wakapolda", "wakapolres", "kabinet", "negara", "sesneg",
    "seskab", "menaker", "mentan", "menpan", "menkes", "mendikbud", "menag", "mensos",
    "menparekraf", "menpora", "menkumham", "menko polhukam", "kasum", "danjen", "walkot",
    "pelaksana", "tugas", "kajagung", "jampidsus", "jampidum", "kapuspenkum", "komandan",
})

# Portfolio and unit words that follow a title and are not part of a name ("Menko Pangan
# Zulkifli Hasan", "Dirjen Pajak Bimo Wijayanto", "Kabid Humas Polda Jabar …").
PORTFOLIO_WORDS: frozenset[str] = frozenset({
    "pangan", "pajak", "hukum", "agama", "sosial", "luar", "dalam", "negeri", "bumn", "ham",
    "politik", "energi", "investasi", "pariwisata", "olahraga", "pemuda", "desa", "agraria",
    "koperasi", "umkm", "anggaran", "bea", "cukai", "imigrasi", "humas", "hubungan", "masyarakat",
    "ekonomi", "infrastruktur", "riset", "sains", "teknologi", "digital", "komunikasi",
    "informatika", "lingkungan", "hidup", "transmigrasi", "haji", "umrah", "gizi", "federal",
    "reserve", "pidana", "intelijen", "operasi", "penerangan", "kehumasan", "media", "pers",
    "protokol", "strategi", "bisnis", "pemasaran", "korporat", "corporate", "secretary",
    "communication", "operasional", "reskrim", "reskrimum", "reskrimsus", "narkoba", "lalu",
    "lintas", "lantas", "tipikor", "tipidter", "siber", "polhukam", "maritim", "kemaritiman",
    "perekonomian", "pmk", "kominfo", "komdigi", "kesra", "pidsus", "pidum", "division", "head",
    "manager", "officer", "chief", "executive", "director", "president", "vice",
})

# Words that mark the start of a place after a title ("Wali Kota Palembang Ratu Dewa"): the
# next word (or known two-word place) is the place, not part of the name.
PLACE_TAKING_WORDS: frozenset[str] = frozenset({
    "kota", "gubernur", "bupati", "provinsi", "kabupaten", "polres", "polda", "polsek", "polresta",
    "polrestabes", "kejari", "kejati", "pemkot", "pemprov", "pemkab", "dprd", "kapolres", "kapolda",
    "kapolsek", "kapolresta", "kapolrestabes", "kajari", "kajati", "walkot", "camat", "wagub",
    "wabup", "kecamatan", "desa", "kodim", "korem", "kodam", "pangdam", "dandim", "danrem",
})

# First words of two-word place names ("Jawa Barat", "Sumatera Utara", "Jakarta Selatan").
PLACE_FIRSTS: frozenset[str] = frozenset({
    "jawa", "sumatera", "sumatra", "kalimantan", "sulawesi", "nusa", "papua", "jakarta", "maluku",
    "bangka", "kepulauan", "tanah", "kota", "muara", "tanjung", "pangkal", "bandar", "banda",
})
PLACE_SECONDS: frozenset[str] = frozenset({
    "barat", "timur", "tengah", "utara", "selatan", "tenggara", "daya", "laut", "belitung", "riau",
    "pusat", "raya",
})

# Capitalised words that are never a speaker's name (days, months, sentence openers).
NOT_NAMES: frozenset[str] = frozenset({
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad", "januari",
    "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
    "november", "desember", "wib", "wita", "wit", "baca", "lihat", "simak", "tonton",
})

# Lowercased words that mean the source of a "menurut"/"berdasarkan" phrase is a document or
# data set, not a speaker ("menurut data BPS", "berdasarkan laporan Bank Dunia").
DOCUMENT_WORDS: frozenset[str] = frozenset({
    "resmi", "tertulis", "analisa", "tim", "data", "laporan", "catatan", "survei", "survey",
    "hasil", "riset", "kajian", "penelitian", "studi", "rilis", "siaran", "keterangan", "informasi",
    "pantauan", "perhitungan", "hitungan", "analisis", "perkiraan", "proyeksi", "estimasi",
    "temuan", "pengumuman", "dokumen", "surat", "situs", "laman", "akun", "unggahan", "publikasi",
    "statistik", "jajak", "pendapat", "indeks", "rekapitulasi", "pencatatan", "pemberitaan",
    "berita", "media", "sumber", "keputusan", "peraturan", "aturan", "undang-undang", "uu", "pasal",
    "ketentuan", "jadwal", "kalender", "versi", "penjelasan", "pernyataan", "perkataan",
    "pengakuan", "kesaksian", "klaim", "kata",
})

# Attribution cues: a source is named right after these (lowercase, as word sequences).
# "menurut" is handled separately because it also introduces indirect speech.
SOURCE_BEFORE_CUES: tuple[str, ...] = (
    "seperti dilaporkan oleh", "seperti dilaporkan", "sebagaimana dilaporkan", "seperti dilansir dari",
    "seperti dilansir", "sebagaimana dilansir", "seperti dikutip dari", "seperti dikutip",
    "sebagaimana dikutip dari", "dilansir dari", "dilansir", "dikutip dari", "dikutip", "mengutip",
    "melansir", "berdasarkan data", "berdasarkan laporan", "berdasarkan catatan",
    "berdasarkan hasil", "berdasarkan survei", "berdasarkan keterangan", "berdasarkan informasi",
    "berdasarkan", "berdasar data", "berdasar", "merujuk data", "merujuk", "mengacu data",
    "mengacu pada data", "mengacu pada", "data dari", "laporan dari", "dilaporkan oleh",
    "dilaporkan", "diberitakan oleh", "menurut",
)

# Verbs after which a reporting source hands over its claim: "BPS melaporkan bahwa …",
# "Reuters memberitakan …".
SOURCE_VERBS: frozenset[str] = frozenset({
    "melaporkan", "memberitakan", "mencatat", "merilis", "melansir", "mengumumkan",
    "mempublikasikan", "menyiarkan", "mewartakan", "memaparkan",
})

# Generic sources written in lowercase ("kata polisi", "menurut warga").
GENERIC_SOURCES: frozenset[str] = frozenset({
    "polisi", "warga", "saksi", "pejabat", "petugas", "aparat", "pemerintah", "penyidik", "jaksa",
    "dokter", "sumber", "pihak", "keluarga", "pengacara", "pengamat", "ekonom", "analis",
    "peneliti", "ahli", "pakar", "korban", "pelaku", "otoritas", "militer", "tentara", "panitia",
    "manajemen",
})

# Lines whose quoted text is a teaser or link, not speech ("“Baca Juga: …”").
TEASER_STARTS: tuple[str, ...] = (
    "baca juga", "baca:", "lihat juga", "simak juga", "tonton juga", "simak video", "tonton video",
    "artikel terkait", "berita terkait", "klik", "saksikan", "lihat video", "video:", "foto:",
    "infografis", "scroll", "advertisement", "baca selengkapnya", "selengkapnya",
)

# Quote marks: double (straight, curly, and the Mac-Roman mojibake of curly quotes seen in some
# scraped corpora, which the clean stage may leave in place).
DOUBLE_OPEN: tuple[str, ...] = ("“", "‚Äú", "„", "«")
DOUBLE_CLOSE: tuple[str, ...] = ("”", "‚Äù", "»")
DOUBLE_AMBIGUOUS: tuple[str, ...] = ('"', "''")
SINGLE_OPEN: tuple[str, ...] = ("‘", "‚Äò")
SINGLE_CLOSE: tuple[str, ...] = ("’", "‚Äô")

# Words that make a capitalised run an organisation, law or concept rather than a person
# ("Undang-Undang ITE", "Sumber Daya Manusia"): such runs are never a pronoun's antecedent.
NON_PERSON_WORDS: frozenset[str] = frozenset({
    "undang-undang", "peraturan", "keputusan", "sumber", "daya", "manusia", "kementerian", "badan",
    "komisi", "dewan", "partai", "bank", "universitas", "institut", "pengadilan", "mahkamah",
    "kejaksaan", "kepolisian", "polda", "polres", "polsek", "pemerintah", "pemerintahan",
    "provinsi", "kabupaten", "kota", "jalan", "stadion", "rumah", "sakit", "rsud", "rspad", "pasar",
    "gedung", "istana", "kantor", "masjid", "gereja", "sekolah", "pt", "tbk", "persero", "nasional",
    "internasional", "indonesia", "republik", "negara", "undang", "pasal", "nomor", "tahun",
    "piala", "liga", "grup", "timnas", "fc", "united", "city", "kementrian", "direktorat",
    "informasi", "transaksi", "elektronik", "ekonomi", "program", "festival", "hari", "pekan",
    "utara", "selatan", "barat", "timur", "tengah", "raya", "pusat", "daerah", "wilayah",
})
