"""Indonesian titles, roles and name-heading words, as data.

Used by NER (features: a role word before a capitalised run points to a person; a cue word at the
start of a run points to an organisation or a place) and by canonicalisation (titles and roles are
not part of a person's name but are kept as the entity's `role`).
All entries are lowercase; match on the lowercased token.
"""
from __future__ import annotations

# Honorifics and academic/religious titles written before a name ("Dr. H. Ahmad", "Pak Ganjar").
HONORIFICS: frozenset[str] = frozenset({
    "bapak", "pak", "ibu", "bu", "saudara", "sdr", "saudari", "tuan", "nyonya", "nona", "mas", "mbak",
    "bang", "kak", "dr", "drs", "dra", "prof", "ir", "h", "hj", "haji", "hajah", "kh", "kyai", "kiai",
    "ustaz", "ustadz", "ustazah", "habib", "gus", "syekh", "romo", "pastor", "pendeta", "bhikkhu",
    "raden", "sultan", "sri", "baginda", "almarhum", "almarhumah", "mendiang", "sang",
})

# The honorifics that are never part of the name itself, stripped from a person span's start
# ("Dr. H. Ahmad Dahlan" -> "Ahmad Dahlan"). "Sri", "Gus", "Raden", "Sultan", "Putri", "Ratu"...
# are left alone: they open many names ("Sri Mulyani", "Putri Tanjung", "Ratu Atut").
STRIP_BEFORE_NAMES: frozenset[str] = frozenset({
    "bapak", "pak", "ibu", "bu", "saudara", "sdr", "saudari", "tuan", "nyonya", "nona", "dr", "drs",
    "dra", "prof", "ir", "h", "hj", "kh", "almarhum", "almarhumah", "mendiang", "ustaz", "ustadz",
    "ustazah", "syekh", "pendeta", "pastor", "romo",
})

# Heads of role phrases ("Menteri Keuangan", "Wakil Ketua DPR", "Presiden ke-7").
ROLE_HEADS: frozenset[str] = frozenset({
    "presiden", "wapres", "wakil", "menteri", "menko", "mendagri", "menkeu", "menlu", "menhan",
    "mensesneg", "gubernur", "wagub", "bupati", "wabup", "wali", "walikota", "wawali", "camat", "lurah",
    "kades", "ketua", "ketum", "sekretaris", "sekjen", "sekda", "bendahara", "direktur", "dirut",
    "komisaris", "kepala", "kabag", "kasubag", "kabid", "kapolri", "wakapolri", "kapolda", "kapolres",
    "kapolsek", "kasat", "kasatreskrim", "kabareskrim", "panglima", "pangdam", "danrem", "dandim",
    "jenderal", "jendral", "kolonel", "letkol", "mayor", "kapten", "brigjen", "irjen", "komjen",
    "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "bripka", "briptu", "marsekal",
    "laksamana", "juru", "jubir", "anggota", "pimpinan", "pemimpin", "koordinator", "kordinator",
    "staf", "staff", "penasihat", "penasehat", "pengamat", "peneliti", "ekonom", "dosen", "guru",
    "rektor", "dekan", "hakim", "jaksa", "kajati", "kajari", "jaksa agung", "pengacara", "kuasa",
    "duta", "dubes", "raja", "ratu", "pangeran", "perdana", "pelatih", "manajer", "ceo",
    "founder", "pendiri", "ketua umum", "senator", "legislator", "politikus", "politisi", "aktivis",
    "artis", "aktor", "aktris", "penyanyi", "komedian", "pebulu tangkis", "pebalap", "pesepak bola",
    "striker", "kiper", "bek", "gelandang", "pemain", "tersangka", "terdakwa", "korban", "saksi",
    "terpidana", "kakak", "adik", "ayah", "suami", "istri", "anak", "putra", "putri", "cucu", "kapuspen",
    "kapendam", "kabid humas", "kasubbid", "kadis", "kadiv", "kasi", "plt", "plh", "pj", "penjabat",
})

# Words that may stand before a role head and belong to the role ("Wakil Ketua", "Plt Bupati",
# "mantan Presiden"); other role heads further left do not ("Putra Sulung Presiden Joko Widodo":
# the role of Joko Widodo is "Presiden").
ROLE_MODIFIERS: frozenset[str] = frozenset({
    "wakil", "plt", "plh", "pj", "penjabat", "mantan", "eks", "calon", "bakal", "kepala", "sekretaris",
})

# Words that open an organisation name ("PT", "Kementerian ...", "Partai ...", "Universitas ...").
ORG_CUES: frozenset[str] = frozenset({
    "pt", "cv", "tbk", "persero", "perum", "bumn", "bumd", "kementerian", "kemenkeu", "kemendagri",
    "departemen", "badan", "lembaga", "komisi", "dewan", "majelis", "mahkamah", "pengadilan",
    "kejaksaan", "kejati", "kejari", "kepolisian", "polda", "polres", "polsek", "polresta", "polrestabes",
    "kodam", "korem", "kodim", "koramil", "tni", "partai", "fraksi", "universitas", "institut",
    "sekolah", "akademi", "politeknik", "sma", "smp", "sd", "smk", "sman", "smpn", "sdn", "smkn",
    "madrasah", "pesantren", "yayasan", "perusahaan", "bank", "asosiasi", "persatuan", "ikatan",
    "himpunan", "gabungan", "serikat", "federasi", "organisasi", "perhimpunan", "komite", "panitia",
    "dinas", "direktorat", "kantor", "biro", "pusat", "balai", "otoritas", "klub", "fc", "koperasi",
    "grup", "group", "inc", "corp", "ltd", "co", "holding", "rumah sakit", "rs", "rsud", "rsup",
    "puskesmas", "harian", "majalah", "televisi", "radio", "stasiun", "kpk", "dpr", "dprd", "mpr",
    "dpd", "kpu", "bawaslu", "bnpb", "bpbd", "bmkg", "bps", "ojk", "bi", "polri", "kemenag",
})

# Words that open a place name ("Kabupaten Bogor", "Jalan Sudirman", "Pulau Bali").
LOC_CUES: frozenset[str] = frozenset({
    "provinsi", "prov", "kabupaten", "kab", "kota", "kecamatan", "kec", "kelurahan", "kel", "desa",
    "dusun", "kampung", "rt", "rw", "jalan", "jl", "jln", "gang", "pulau", "kepulauan", "selat",
    "teluk", "tanjung", "gunung", "bukit", "sungai", "danau", "laut", "samudra", "samudera", "pantai",
    "lembah", "hutan", "taman", "kawasan", "wilayah", "daerah", "negara", "negeri", "benua", "distrik",
    "bandara", "pelabuhan", "stasiun", "terminal", "pasar", "alun", "masjid", "gereja", "candi",
})

# Verbs and words that often follow a person's name in news ("..., kata Budi").
SPEECH_WORDS: frozenset[str] = frozenset({
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "sebut", "tegas", "imbuh", "tambah",
    "mengatakan", "menyatakan", "menjelaskan", "mengungkapkan", "menuturkan", "menegaskan",
    "menambahkan", "menyebutkan", "berkata", "bertanya", "menurut",
})
