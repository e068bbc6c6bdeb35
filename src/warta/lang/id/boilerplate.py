"""Markers of text that is not the article: teasers, ads, video embeds, prompts, credits.

Data only: `warta.clean` compiles these once. Phrases are matched case-insensitively, with any run
of spaces between words, so "Baca Juga :" and "baca  juga:" both match "baca juga". Keep every
list small and specific: a phrase here can remove a line of an article (precision comes first).

Reasons: teaser | ad | video | cookie | share | credit | other.
"""
from __future__ import annotations

# A line whose whole text (ignoring case, spaces and trailing punctuation) is one of these.
EXACT_LINES: dict[str, list[str]] = {
    "ad": [
        "advertisement", "iklan", "konten iklan", "sponsored", "sponsored content", "konten bersponsor",
        "scroll to continue with content", "scroll to resume content", "scroll untuk melanjutkan",
        "advertisement scroll to continue with content", "continue reading below",
        "story continues below advertisement", "lanjutkan membaca artikel di bawah",
        "lanjutkan membaca", "halaman selanjutnya", "halaman berikutnya", "selanjutnya",
        "lanjut ke halaman berikutnya", "lanjut ke halaman berikut", "selanjutnya halaman 1 2",
        "load more", "tampilkan lebih banyak", "muat lebih banyak",
    ],
    "teaser": [
        "baca juga", "baca pula", "artikel terkait", "berita terkait", "berita lainnya", "artikel lainnya",
        "rekomendasi berita", "rekomendasi artikel", "editor's picks", "editor’s picks", "read also",
        "related articles", "related news", "populer", "terpopuler", "berita populer", "pilihan redaksi",
        "lihat juga", "simak juga",
    ],
    "share": [
        "bagikan", "bagikan artikel ini", "bagikan berita ini", "share", "share this article",
        "share artikel ini", "follow us", "ikuti kami", "tag", "tags", "topik", "topik terkait",
    ],
    "cookie": [
        "accept cookies", "accept all cookies", "terima cookie", "terima semua cookie", "cookie policy",
        "kebijakan cookie",
    ],
}

# A line that starts with one of these phrases is boilerplate of that reason when what follows
# the phrase is short (see MAX_REST_WORDS); `clean` also requires a ":" / quote / dash after
# phrases listed in NEEDS_SEPARATOR, so "Lihat juga bagaimana ..." stays article text.
LEAD_PHRASES: dict[str, list[str]] = {
    # Checked first: "Simak juga Video ..." is a video teaser, not a plain teaser.
    "video": [
        "simak juga video", "simak video", "tonton juga video", "tonton video", "tonton juga",
        "lihat juga video", "lihat video", "saksikan juga video", "saksikan video",
        "saksikan live detikpagi", "saksikan live detik pagi", "saksikan live detiksore",
        "melihat kembali detiksore", "video pilihan", "video terkait", "video terpopuler",
        "watch video", "video:", "simak video pilihan", "play video",
    ],
    "teaser": [
        "baca juga", "baca pula", "simak juga", "lihat juga", "artikel terkait", "berita terkait",
        "baca berita terkait", "baca artikel", "baca berita", "read also", "read more", "related",
        "berita lainnya", "artikel lainnya", "jangan lewatkan",
    ],
    "credit": [
        "penulis", "editor", "reporter", "pewarta", "redaktur", "penyunting", "kontributor",
        "fotografer", "foto", "sumber foto", "red", "ilustrasi foto", "videografer", "video editor",
        "sumber", "disadur dari", "laporan wartawan", "laporan reporter", "copyright", "©", "hak cipta",
        "artikel ini telah tayang", "artikel ini sudah tayang", "artikel ini telah terbit",
        "artikel ini telah naik", "artikel ini sudah naik", "artikel ini pertama kali terbit",
        "artikel ini pertama kali tayang", "artikel ini pertama kali dimuat",
        "artikel ini pertama kali diterbitkan", "artikel ini ditulis oleh", "*penulis adalah",
        "penulis adalah", "tulisan ini telah tayang",
    ],
    "share": [
        "ikuti kami di", "ikuti kami", "ikuti berita", "ikuti saluran", "ikuti channel", "ikuti update",
        "follow instagram", "follow akun", "follow us", "follow kami", "jangan lupa follow",
        "dapatkan update berita", "dapatkan update terbaru", "gabung di", "bergabung di",
        "mari bergabung", "bagikan artikel", "bagikan berita", "bagikan:", "share this", "share:",
        "subscribe", "berlangganan", "#growfearless", "klik di sini untuk", "simak breaking news",
        "pilih saluran andalanmu", "temukan juga kami",
    ],
    "cookie": [
        "this site uses cookies", "this website uses cookies", "we use cookies", "by continuing to use",
        "situs ini menggunakan cookie", "kami menggunakan cookie", "website ini menggunakan cookie",
        "dengan melanjutkan", "we value your privacy", "kami menghargai privasi",
    ],
    "ad": [
        "advertisement", "scroll to continue", "scroll to resume", "lanjutkan membaca artikel",
        "halaman selanjutnya", "selanjutnya halaman",
    ],
    "other": [
        "disclaimer", "*) tulisan ini", "*)tulisan ini", "tulisan ini merupakan opini",
        "baca selengkapnya di", "simak selengkapnya di", "baca beritanya dalam",
        "ikuti diskusinya", "ikuti laporan", "ikuti terus ulasan", "saksikan pembahasan lengkapnya",
        "saksikan selengkapnya",
    ],
}

# Phrases that only mark boilerplate when a separator (":", "-", a quote) follows them.
NEEDS_SEPARATOR: set[str] = {
    "baca juga", "baca pula", "simak juga", "lihat juga", "baca artikel", "baca berita", "read more",
    "related", "jangan lewatkan", "penulis", "editor", "reporter", "pewarta", "redaktur",
    "penyunting", "kontributor", "fotografer", "foto", "sumber foto", "red", "videografer", "video editor",
    "sumber", "disadur dari", "ilustrasi foto", "berlangganan", "subscribe", "gabung di", "bergabung di",
    "tonton juga", "ikuti berita", "ikuti update", "disclaimer", "hak cipta", "penulis adalah",
}

# How many words may follow the phrase for the line to still count as boilerplate.
MAX_REST_WORDS: dict[str, int] = {
    "video": 30, "teaser": 25, "credit": 14, "share": 40, "cookie": 60, "ad": 8, "other": 60,
}
# Credit phrases that open a whole syndication sentence ("Artikel ini telah tayang di X dengan
# judul Y") get a longer allowance: the headline is part of the credit.
LONG_CREDIT_PREFIX = "artikel ini"
LONG_CREDIT_MAX_WORDS = 60

# A line whose last sentence is one of these calls to action, and whose other sentences are
# teaser questions, promotes another programme or page ("... kabinet? Ikuti diskusinya dalam ...").
CTA_SENTENCE_STARTS: list[str] = [
    "ikuti diskusinya", "ikuti laporan", "ikuti terus", "saksikan pembahasan", "saksikan selengkapnya",
    "baca selengkapnya di", "simak selengkapnya di", "simak ulasan selengkapnya di",
    "simak beritanya di", "tonton selengkapnya",
]

# Broadcast-programme promos that close some detik bodies: a tagline as the last line and the
# programme's name in the lines before it. The whole trailing block is promo.
PROGRAMME_TAGLINES: list[str] = [
    "detik sore, nggak cuma hore-hore", "detik pagi, jangan tidur lagi",
]
PROGRAMME_NAMES: list[str] = [
    "detiksore", "detik sore", "detikpagi", "detik pagi", "sunsetalk", "editorial review",
    "20.detik.com", "live streaming", "ikuti diskusinya", "ikuti laporan",
]
PROGRAMME_BLOCK_MAX_LINES = 8

# Words that make a short line ending in ":" at the end of an article the lead-in of an embed
# whose player was dropped ("Saksikan Live DetikPagi :", "Melihat Kembali detikSore ...:").
EMBED_LEAD_WORDS: list[str] = [
    "video", "saksikan", "tonton", "simak", "live", "streaming", "detiksore", "detikpagi",
    "melihat kembali", "berikut ini videonya", "di bawah ini",
]

# Embedded players and widgets left as placeholders: "[Gambas:Video 20detik]".
EMBED_VIDEO_KINDS: list[str] = ["video", "youtube", "video 20detik", "20detik", "vidio"]

# Speech verbs after a closing quote: a quoted line that ends in one is a quote of a person,
# i.e. article text, whatever words it contains.
QUOTE_ATTRIBUTION_VERBS: list[str] = [
    "kata", "ujar", "ucap", "tutur", "tegas", "jelas", "imbuh", "tambah", "ungkap", "sebut", "papar",
    "terang", "lanjut", "pungkas", "tulis", "tandas", "sambung", "cetus", "seru", "bilang", "beber",
    "katanya", "ujarnya", "ucapnya", "tuturnya", "tegasnya", "jelasnya", "imbuhnya", "tambahnya",
    "ungkapnya", "sebutnya", "paparnya", "terangnya", "lanjutnya", "pungkasnya", "tulisnya",
    "tandasnya", "sambungnya", "cetusnya", "bebernya", "tanya", "said", "says",
]

# Small words allowed inside a Title-Case headline ("Sidak Perdana, Menpora Dicurhati soal ...").
HEADLINE_SMALL_WORDS: set[str] = {
    "di", "ke", "dari", "dan", "atau", "yang", "untuk", "soal", "jadi", "dengan", "pada", "ini", "itu",
    "tak", "tidak", "bisa", "usai", "saat", "vs", "hingga", "sampai", "bagi", "oleh", "dalam", "akan",
    "sudah", "belum", "masih", "juga", "lagi", "pun", "per", "para", "sang", "si", "kok", "nih", "ya",
    "ada", "karena", "gara-gara", "demi", "agar", "buat", "kini", "mau", "tapi", "jelang", "seusai",
    "the", "of", "and", "in", "on", "a", "to", "for",
}

# ---- In-line fragments: markers glued into a paragraph ---------------------------------------

# "Baca juga: <headline>" inside a paragraph, "(Baca juga: ...)", "Baca juga:,,," (CLICK-ID).
GLUED_TEASER_PHRASES: list[str] = [
    "baca juga", "baca pula", "lihat juga", "simak juga", "read also", "berita terkait", "artikel terkait",
]
# Written in capitals these need no colon to open a teaser line ("BACA JUGA Headline").
CAPS_TEASER_PHRASES: list[str] = [
    "BACA JUGA", "BACA PULA", "LIHAT JUGA", "SIMAK JUGA", "BERITA TERKAIT", "ARTIKEL TERKAIT",
]
# Verbs of 'Simak Video "<title>"' teasers, and of lead-ins of players that were dropped
# ("Simak video perakitan mobil di bawah ini:").
VIDEO_TEASER_VERBS: list[str] = ["simak", "tonton", "lihat", "saksikan"]
VIDEO_LEADIN_VERBS: list[str] = ["simak", "tonton", "saksikan"]
# Layout words that only ever appear in capitals: cut wherever they sit.
CAPS_LAYOUT_PHRASES: list[str] = [
    "SCROLL TO CONTINUE WITH CONTENT", "SCROLL TO RESUME CONTENT", "SCROLL TO CONTINUE", "ADVERTISEMENT",
]
# Phrases cut wherever they sit (any case).
INLINE_PHRASES: dict[str, list[str]] = {
    "ad": ["lanjutkan membaca artikel di bawah", "lanjut ke halaman berikutnya", "lanjut ke halaman berikut"],
    "teaser": ["editor's picks", "editor’s picks", "editor ' s picks"],
    "share": ["#growfearless with fimela", "#grow fearless with fimela", "#growfearless wtih fimela",
              "#growfearless with fiimela"],
}
# Syndication notes: from the phrase to the end of the paragraph is credit.
SYNDICATION_PHRASES: list[str] = [
    "artikel ini telah tayang di", "artikel ini sudah tayang di", "artikel ini telah terbit di",
    "artikel ini telah naik di", "artikel ini sudah naik di", "artikel ini tayang di",
]
# Labels of bylines and source notes closing a body ("...,Reporter: Andi,Sumber: Merdeka").
BYLINE_LABELS: list[str] = ["penulis", "reporter", "editor", "pewarta", "sumber", "disadur dari"]
# Labels that introduce a person's name (a byline whose name was dropped is "Penulis: ,").
BYLINE_NAME_LABELS: list[str] = ["penulis", "reporter", "editor", "pewarta"]
ADAPTED_FROM_PHRASE = "disadur dari"
COPYRIGHT_WORDS: list[str] = ["copyright", "hak cipta", "©"]
# Calls to read on where the rest of the article was not scraped.
NEXT_PAGE_PHRASES: list[str] = [
    "klik halaman selanjutnya", "klik ke halaman selanjutnya", "klik halaman berikutnya",
    "klik ke halaman berikutnya",
]
READ_MORE_PHRASES: list[str] = ["baca selengkapnya di", "simak selengkapnya di"]
PHOTO_CREDIT_LABELS: list[str] = ["foto", "sumber foto"]

# Brand and personal names written in CamelCase: a glued teaser headline does not end inside them
# ("Baca juga: Di Depan Putin, Khabib Sindir McGregorSebulan ..." ends after "McGregor").
CAMEL_CASE_WORDS: list[str] = [
    "McGregor", "McLaren", "McDonald", "MacBook", "WhatsApp", "YouTube", "YouTuber", "TikTok", "iPhone",
    "iPad", "iOS", "PlayStation", "LinkedIn", "PayPal", "GoPay", "GoJek", "GoFood", "GoRide", "OnePlus",
    "BlackBerry", "LeBron", "DiCaprio", "PowerPoint", "JavaScript", "SoundCloud", "FaceTime", "AirPods",
    "ShopeePay", "LinkAja", "TransJakarta", "KompasTV", "MotoGP", "eSports", "DeepMind", "OpenAI",
    "ChatGPT", "SpaceX", "AirAsia", "CitiLink", "KitaBisa", "BukaLapak", "TokoPedia", "HarmonyOS",
]

# Upper-case codes in parentheses that end sentences but are not editor initials: stock tickers
# are four capitals ("PT Panin Sekuritas Tbk. (PANS)."), so bare capitals count as initials only
# up to this many letters ("(KS)").
MAX_CAPS_INITIALS = 3

# ---- Site names and datelines ----------------------------------------------------------------

# Outlets that open articles as "OUTLET - ", "CITY, OUTLET - " or "OUTLET, CITY - ". The first
# spelling is the canonical one (`article.site`); matching ignores case.
OUTLETS: list[str] = [
    "Kompas.com", "Kompas", "Tempo.co", "Tempo", "Liputan6.com", "Liputan6", "detikcom", "detikNews",
    "detikFinance", "detikSport", "detikHealth", "detikInet", "CNN Indonesia", "CNBC Indonesia",
    "IDN Times", "Tribunnews.com", "Tribunnews", "ANTARA News", "ANTARA", "Antaranews.com", "Antaranews",
    "Okezone.com", "Okezone", "SINDOnews.com", "SINDOnews", "Republika.co.id", "Republika",
    "kumparan", "Tirto.id", "Merdeka.com", "Suara.com", "Bisnis.com", "Kontan.co.id", "Kontan",
    "Katadata.co.id", "Beritasatu.com", "BeritaSatu", "VIVA.co.id", "VIVA", "VIVAnews", "iNews.id",
    "JPNN.com", "JawaPos.com", "Jawa Pos", "Media Indonesia", "Grid.ID", "Brilio.net", "Fimela.com",
    "KapanLagi.com", "Wowkeren.com", "Bola.com", "BolaSport.com", "Medcom.id", "Metrotvnews.com",
    "Gatra.com", "Akurat.co", "Warta Ekonomi", "Investor Daily", "Kabar24", "Harianjogja.com",
    "Solopos.com", "PikiranRakyat.com", "Pikiran Rakyat", "Bangkapos.com", "Surya.co.id",
    "TribunJakarta.com", "KabarNusa", "Mojok.co", "Nova.id", "Suar.id", "Jakarta Globe",
    "The Jakarta Post", "VOA Indonesia", "BBC News Indonesia", "BBC Indonesia", "Reuters", "AFP",
    "Xinhua", "Bernama", "Posmetro-Medan.com", "Sindonews", "GenPI.co", "Inilah.com", "Okezone News",
]

# Endings that make an unknown token look like a site name ("TRIBUN-MEDAN.com", "Suar.ID").
OUTLET_DOMAIN_SUFFIXES: list[str] = [
    "com", "co", "id", "net", "co.id", "or.id", "web.id", "tv", "news", "org", "info",
]

# Cities a Title-Case dateline without an outlet may name ("Jakarta - ..."). ALL-CAPS cities
# ("BANDUNG - ...") need no list.
DATELINE_CITIES: list[str] = [
    "Jakarta", "Bandung", "Surabaya", "Medan", "Semarang", "Yogyakarta", "Jogja", "Makassar",
    "Palembang", "Denpasar", "Bali", "Malang", "Solo", "Surakarta", "Bogor", "Depok", "Tangerang",
    "Bekasi", "Batam", "Pekanbaru", "Padang", "Banda Aceh", "Pontianak", "Banjarmasin", "Balikpapan",
    "Samarinda", "Manado", "Kupang", "Mataram", "Jayapura", "Ambon", "Serang", "Cirebon", "Sleman",
    "Bantul", "Kediri", "Jember", "Lampung", "Bandar Lampung", "Jambi", "Bengkulu", "Palu", "Kendari",
    "Gorontalo", "Ternate", "Sorong", "Merauke", "Tasikmalaya", "Garut", "Sukabumi", "Karawang",
    "Purwakarta", "Magelang", "Pati", "Kudus", "Tegal", "Pekalongan", "Banyuwangi", "Sidoarjo",
    "Gresik", "Mojokerto", "Madiun", "Blitar", "Probolinggo", "Pasuruan", "Cilegon", "Singapura",
    "Kuala Lumpur", "Washington", "Beijing", "Tokyo", "London", "Paris", "Moskow", "Canberra",
    "Purwokerto", "Sumedang",
    # Foreign datelines of sports and world news (every Title-Case one found in CLICK-ID is here).
    "Misano", "Manchester", "Changzhou", "Turin", "Madrid", "Stavelot", "Silverstone", "Barcelona",
    "Rennes", "Milan", "California", "Dagestan", "Miami", "Liverpool", "Munich", "Roma", "Mugello",
    "Sepang", "Mandalika", "Assen", "Jerez", "Valencia", "Doha", "Dubai", "Riyadh", "Kairo", "Bangkok",
    "Manila", "Hanoi", "Seoul", "Sydney", "Melbourne", "New York", "Berlin", "Jenewa", "Brussels",
]

# ALL-CAPS words that open sentences but are not datelines ("KPK - ..." would be odd, but "BEBERAPA
# waktu lalu" is a real okezone opening).
NOT_CITIES: set[str] = {
    "KPK", "DPR", "MPR", "TNI", "POLRI", "BPS", "BI", "OJK", "PT", "CV", "RI", "AS", "UU", "BEBERAPA",
    "SEBUAH", "SEORANG", "SETELAH", "SAAT", "KETIKA", "PADA", "DALAM", "INI", "ITU", "BAGI", "UNTUK",
    "PRESIDEN", "MENTERI", "KETUA", "BERITA", "VIDEO", "FOTO", "UPDATE", "BREAKING", "NEWS", "WAKIL",
    "GUBERNUR", "BUPATI", "WALI", "WALIKOTA", "KEPALA", "DIREKTUR", "JENDERAL", "KAPOLRI", "KAPOLDA",
    "PANGLIMA", "SEKRETARIS", "DIRUT", "CEO", "PAK", "BU", "BAPAK", "IBU", "MANTAN", "ANGGOTA",
}

# Credit that can open the first line before the dateline ("Laporan Wartawan Tribunnews.com,
# Rina Ayu TRIBUNNEWS.COM, JAKARTA - ...").
BYLINE_LEADS: list[str] = ["laporan wartawan", "laporan reporter", "laporan koresponden"]
