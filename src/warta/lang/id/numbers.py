"""Indonesian number vocabulary as data: number words, scale words, vague quantities, hedges,
currencies and words that make a number something other than an amount.

Used by `warta.facts.amounts`. Keys are lower case; matching is case-insensitive.
"""
from __future__ import annotations

# Cardinal words 0-11 and the teens/tens builders ("dua puluh lima", "sebelas", "seratus").
UNITS: dict[str, int] = {
    "nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11,
    "seratus": 100, "seribu": 1000, "sejuta": 1_000_000, "semiliar": 1_000_000_000,
}
# "<unit> belas" = unit + 10, "<unit> puluh" = unit * 10, "<unit> ratus" = unit * 100.
TEEN_WORD = "belas"
TENS_WORD = "puluh"
HUNDREDS_WORD = "ratus"

# Scale words after a number ("12 juta", "1,5 miliar") and their short forms ("Rp 56 T").
SCALES: dict[str, int] = {
    "ribu": 1_000, "rb": 1_000,
    "juta": 1_000_000, "jt": 1_000_000,
    "miliar": 1_000_000_000, "milyar": 1_000_000_000, "m": 1_000_000_000,
    "triliun": 1_000_000_000_000, "trilyun": 1_000_000_000_000, "t": 1_000_000_000_000,
    "kuadriliun": 1_000_000_000_000_000,
}
# Single-letter short forms only count after a currency ("Rp 56 T"), never after a bare number
# ("5 M" may be metres).
SCALE_ABBREVIATIONS_NEED_CURRENCY: frozenset[str] = frozenset({"m", "t"})

# Vague quantities: the order of magnitude, flagged `vague`. "berpuluh-puluh" and "berpuluh"
# are the literary forms.
VAGUE: dict[str, int] = {
    "belasan": 10, "puluhan": 10, "berpuluh": 10, "berpuluh-puluh": 10,
    "ratusan": 100, "beratus": 100, "beratus-ratus": 100,
    "ribuan": 1_000, "beribu": 1_000, "beribu-ribu": 1_000,
    "puluhan ribu": 10_000, "ratusan ribu": 100_000,
    "jutaan": 1_000_000, "berjuta": 1_000_000, "berjuta-juta": 1_000_000,
    "puluhan juta": 10_000_000, "ratusan juta": 100_000_000,
    "miliaran": 1_000_000_000, "puluhan miliar": 10_000_000_000, "ratusan miliar": 100_000_000_000,
    "triliunan": 1_000_000_000_000, "puluhan triliun": 10_000_000_000_000,
    "ratusan triliun": 100_000_000_000_000,
}

# Approximation words before an amount, longest first when matched. "sebanyak" and "sejumlah"
# are not hedges (they say "as many as", not "about"), so they are not listed: the amount is exact.
HEDGES: tuple[str, ...] = (
    "kurang lebih", "lebih kurang", "lebih dari", "kurang dari", "lebih dari kurang",
    "tidak kurang dari", "tidak lebih dari", "paling sedikit", "paling banyak", "paling lama",
    "paling cepat", "di atas", "di bawah", "sampai dengan", "maksimal", "minimal",
    "sekitar", "kira-kira", "hampir", "nyaris", "sedikitnya", "setidaknya", "mencapai",
    "hingga", "sampai", "melampaui", "melebihi", "lebih", "kurang", "maksimum", "minimum",
    "sekurang-kurangnya", "sebesar-besarnya", "sebanyak-banyaknya", "tak kurang dari",
    "tidak sampai", "tak sampai", "tidak mencapai", "belum mencapai", "tak lebih dari",
)
# Hedges that follow the amount: "10 orang lebih", "100 lebih korban".
POST_HEDGES: tuple[str, ...] = ("lebih",)

# Currencies: written form -> unit code. Prefix forms are glued or spaced before the number
# ("Rp14,5", "US$ 2"); word forms follow it ("30 juta euro", "5 juta rupiah").
CURRENCY_PREFIXES: dict[str, str] = {
    "rp": "Rp", "rp.": "Rp", "idr": "Rp",
    "us$": "USD", "usd": "USD", "$": "USD", "s$": "SGD", "sgd": "SGD", "a$": "AUD",
    "€": "EUR", "eur": "EUR", "£": "GBP", "¥": "JPY", "rm": "MYR", "myr": "MYR",
}
CURRENCY_WORDS: dict[str, str] = {
    "rupiah": "Rp", "dolar": "USD", "dollar": "USD", "dolar as": "USD", "dolar amerika": "USD",
    "dolar amerika serikat": "USD", "dolar singapura": "SGD", "dolar australia": "AUD",
    "euro": "EUR", "poundsterling": "GBP", "pound": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "ringgit": "MYR", "won": "KRW", "riyal": "SAR", "real": "SAR",
    "rupee": "INR", "baht": "THB", "peso": "PHP", "dinar": "KWD",
}

PERCENT_WORDS: tuple[str, ...] = ("persen", "%", "pct", "persentase")

# Range joiners between two numbers: "3-5 juta", "antara 10 hingga 20", "10 sampai 20".
RANGE_JOINERS: tuple[str, ...] = ("-", "–", "—", "hingga", "sampai", "s.d.", "s/d", "sampai dengan", "ke")
RANGE_OPENERS: tuple[str, ...] = ("antara",)

# Words before a number that make it a label, not a quantity: "Pasal 5", "UU Nomor 19", "ke-7".
NOT_AMOUNT_BEFORE: frozenset[str] = frozenset({
    "pasal", "ayat", "nomor", "no", "no.", "nomer", "angka", "huruf", "butir", "bab", "halaman", "hal",
    "pukul", "jam", "tanggal", "tgl", "nopol", "nomor polisi", "km", "kilometer", "rt", "rw", "blok",
    "lantai", "gedung", "jalan", "jl", "jl.", "gang", "kav", "kavling", "kode", "telepon", "telp",
    "hp", "wa", "whatsapp", "tahun", "tahun anggaran", "ta", "periode", "edisi", "seri", "versi",
    "tipe", "generasi", "gelombang", "batch", "putaran", "pekan", "babak", "menit", "level",
    "tingkat", "kelas", "juz", "surat", "seksi", "grup", "sektor", "zona", "pintu", "gerbang",
    "noreg", "ruang", "kamar", "loket", "peringkat", "urutan", "posisi",
    "skor", "kartu", "timnas", "u", "pp", "perpres", "permen",
    "perda", "keppres", "inpres", "uu", "mk", "sk", "kepmen", "pergub", "perbup", "perwal",
    "era", "abad", "sila", "lot", "piala", "liga", "kri", "rute", "nip", "nik", "npwp",
})
# Words after a number that make it a label, not a quantity: "2 WIB" is a time.
NOT_AMOUNT_AFTER: frozenset[str] = frozenset({
    "wib", "wita", "wit", "gmt", "utc", "am", "pm",
    "masehi", "hijriah", "h", "m", "sm",
})

# Law codes after a number: "Pasal 311 KUHP" (the number is an article number).
LAW_CODES: frozenset[str] = frozenset({
    "KUHP", "KUHAP", "KUHPerdata", "KUH", "UUD", "UU", "ITE", "Perppu", "PP", "Perpres", "Permen",
})

# Counted nouns that are really time expressions and belong to dates, not amounts, when they
# stand as "<n> <noun> lalu": "dua hari lalu" is a date. Durations ("18 tahun") remain amounts.
DATE_RELATIVE_AFTER: tuple[str, ...] = ("lalu", "yang lalu", "silam", "mendatang", "lagi")
# After a time noun the phrase goes on only with these: "60 hari kerja", "5 tahun penjara"
# ("dua tahun harga emas naik" counts years, not prices).
TIME_NOUN_MODIFIERS: frozenset[str] = frozenset({
    "kerja", "kalender", "penjara", "kurungan", "berturut-turut", "lamanya", "cahaya", "anggaran",
})
TIME_NOUNS: frozenset[str] = frozenset({"hari", "minggu", "pekan", "bulan", "tahun", "jam", "menit", "detik", "dekade", "abad"})

# Words that end the counted noun phrase after a number: function words, verbs of saying,
# prepositions, conjunctions, relative "yang". The phrase is at most UNIT_MAX_WORDS words.
UNIT_STOP_WORDS: frozenset[str] = frozenset({
    "yang", "di", "ke", "dari", "dan", "atau", "untuk", "dengan", "pada", "dalam", "oleh", "bagi",
    "itu", "ini", "tersebut", "akan", "sudah", "telah", "sedang", "masih", "juga", "pun", "lagi",
    "saja", "hanya", "per", "setiap", "tiap", "sebagai", "karena", "sejak", "hingga", "sampai",
    "menjadi", "jadi", "adalah", "ialah", "merupakan", "sebesar", "sebanyak", "sejumlah", "se",
    "kata", "ujar", "ucap", "tutur", "jelas", "sebut", "tegas", "tulis", "imbuh", "tambah",
    "terang", "papar", "lebih", "kurang", "tidak", "tak", "belum", "bisa", "dapat", "harus",
    "ada", "para", "kepada", "terhadap", "tentang", "antara", "serta", "tapi", "tetapi",
    "namun", "sehingga", "agar", "supaya", "bila", "jika", "kalau", "saat", "ketika", "usai",
    "setelah", "sebelum", "selama", "atas", "bawah", "depan", "belakang", "lalu", "silam",
    "kemudian", "yakni", "yaitu", "seperti", "antaranya", "sekitar", "mulai", "pula",
    "mendatang", "ke depan", "terakhir", "pertama", "kedua", "sebelumnya", "berikutnya",
    "dibandingkan", "dibanding", "ketimbang", "daripada", "naik", "turun", "meningkat", "menurun",
    "mencapai", "tercatat", "sekaligus", "kali", "sekali", "pak", "bu", "nya", "lho", "loh",
    "kok", "dong", "sih", "deh", "kan", "ya", "nah", "pasca", "secara", "berupa",
    "milik", "asal", "tanpa", "bersama", "sendiri", "semua", "seluruh", "beberapa", "banyak",
    "sedikit", "lain", "lainnya", "mereka", "kami", "kita", "dia", "ia", "beliau", "saya", "aku",
    "anda", "kamu", "sini", "sana", "situ", "apa", "siapa", "mana", "bagaimana", "mengapa",
    "kenapa", "berapa", "tiba", "sesuai", "sedangkan", "sementara", "padahal", "maupun", "berdasarkan",
    "menurut", "terkait", "soal", "guna", "demi", "via", "melalui", "nanti", "nantinya", "kemarin",
    "tadi", "sekarang", "kini", "gitu", "segitu", "segini", "begitu", "begini", "aja", "doang",
    "rencananya", "diperkirakan", "sekitarnya", "masing-masing",
})
# ("kali" is here: "dua kali" is how often, which readers do not look for as a quantity.)
UNIT_MAX_WORDS = 3
# States said of the counted things that end the noun phrase: "sepuluh rumah rusak" counts houses.
PREDICATE_WORDS: frozenset[str] = frozenset({
    "rusak", "tewas", "hilang", "luka", "luka-luka", "roboh", "ambruk", "hanyut", "tenggelam", "mati",
    "sakit", "hadir", "lolos", "gagal", "selesai", "kosong", "penuh", "aktif", "positif", "negatif",
    "sembuh", "wafat", "gugur", "berat", "ringan", "parah", "sedang",
})

# Phrases in which a number word is not a quantity: "salah satu", "satu-satunya", "satu per satu".
NUMBER_WORD_IDIOMS: tuple[str, ...] = (
    "salah satu", "satu-satunya", "satu per satu", "satu sama lain", "satu-satu", "satu persatu",
    "dua-duanya", "kedua", "ketiga", "keempat", "kelima", "satu kesatuan", "bersatu", "menyatu",
    "satu suara", "satu pintu", "satu hati", "satu atap", "satu data", "satu paket", "satu arah",
    "satu jalur", "satu lagi", "satu sisi", "di satu sisi", "sisi lain", "seribu bahasa",
    "seribu satu", "satu dua", "dua tiga", "dua belah pihak", "kedua belah", "satu nafas", "satu napas",
)

# Links between a noun and a following bare number: "kuota haji sebanyak 20 ribu" counts "kuota
# haji". The noun phrase before the link becomes the unit of a number that has none after it.
UNIT_LINKS: frozenset[str] = frozenset({"sebanyak", "sejumlah", "sebesar", "mencapai", "berjumlah", "total"})
# "empat di antaranya": the number counts the same thing as the amount before it.
BACK_REFERENCES: tuple[str, ...] = ("di antaranya", "diantaranya", "dari antaranya")

# Abbreviated measurement units that may be glued to a number ("5km", "20kg").
GLUED_UNITS: frozenset[str] = frozenset({
    "km", "m", "cm", "mm", "kg", "g", "gr", "ton", "ha", "mw", "kw", "kwh", "gw", "mb", "gb", "tb",
    "l", "ml", "liter",
})

# Nouns and adjectives that look like verbs (me-/di-/ber-/ter-/per- prefixes) and so must not end
# a counted noun phrase: "5 tersangka", "10 personel", "1 juta talenta digital".
NOUNS_LIKE_VERBS: frozenset[str] = frozenset({
    "pertanyaan", "persen", "perempuan", "perusahaan", "personel", "pertandingan", "perkara",
    "peristiwa", "perwira", "perahu", "perangkat", "peraturan", "pertemuan", "perguruan", "perjalanan",
    "tersangka", "terdakwa", "terpidana", "terminal", "teroris", "direktur", "dinas", "diskon",
    "dividen", "distrik", "diploma", "dialog", "dinding", "dimensi", "digit", "menteri", "menit",
    "meter", "media", "medali", "member", "mesin", "meriam", "menara", "berkas", "beras", "berita",
    "bendera", "mentor", "mental", "menu", "dingin", "derajat", "persil", "pertokoan", "digital",
    "disabilitas", "diri", "dini", "diaspora", "diesel", "direksi", "berlian", "bersih",
    "perdana", "pertama", "permanen", "personal", "perak", "perunggu", "terbuka", "terpadu", "terbaik",
    "tertinggi", "terendah", "terbesar", "terakhir", "menengah", "mewah", "merah", "megah",
})
# Words ending in "-nya" that are not a noun + possessive (left as written in a unit).
NYA_WORDS: frozenset[str] = frozenset({"tanya", "punya", "hanya", "bahwasanya", "sesungguhnya", "seharusnya", "biasanya",
                     "rupanya", "akhirnya", "sebenarnya", "misalnya", "contohnya", "lainnya", "semuanya",
                     "sayangnya", "selanjutnya", "sebelumnya", "sesudahnya", "setelahnya", "nya"})
