"""Hand-written news-style texts for the dedup and stories tests (no copied news)."""
from __future__ import annotations

import random

BASE = (
    "Pemerintah Provinsi Jawa Barat mulai membangun bendungan baru di Kabupaten Sumedang pada Rabu pagi. "
    "Gubernur Jawa Barat mengatakan bendungan itu akan mengairi sekitar 12 ribu hektare sawah di tiga kabupaten "
    "dan menyediakan air baku bagi warga Bandung Raya. Proyek senilai Rp 2,1 triliun tersebut ditargetkan rampung "
    "dalam dua tahun. Menurut Kepala Dinas Sumber Daya Air, lahan yang dibutuhkan sudah dibebaskan seluruhnya setelah "
    "pemerintah membayar ganti rugi kepada 430 keluarga. Warga Desa Cipanas yang rumahnya terdampak akan dipindahkan ke "
    "perumahan baru di lereng bukit sebelah timur. Sejumlah warga menyambut baik rencana tersebut, tetapi meminta agar "
    "pemerintah juga menyiapkan lapangan kerja di lokasi yang baru. Anggota DPRD Jawa Barat dari daerah pemilihan "
    "Sumedang meminta pengawasan ketat agar pembangunan tidak merusak hutan lindung di hulu sungai. Ia juga menyoroti "
    "pentingnya keterbukaan anggaran karena proyek besar rawan diselewengkan. Pembangunan bendungan ini merupakan bagian "
    "dari program strategis nasional yang dicanangkan pemerintah pusat untuk memperkuat ketahanan pangan. Selain irigasi, "
    "bendungan itu direncanakan menghasilkan listrik tenaga air sebesar 6 megawatt dan menjadi tempat wisata baru."
)

OTHER = (
    "Tim SAR gabungan masih mencari dua nelayan yang hilang di perairan selatan Cilacap sejak Senin malam. "
    "Perahu mereka diduga terbalik dihantam gelombang setinggi empat meter saat cuaca buruk. Kepala Kantor Basarnas "
    "Cilacap menyebutkan pencarian melibatkan kapal patroli, nelayan setempat dan relawan. Keluarga korban berharap "
    "keduanya segera ditemukan dalam keadaan selamat. BMKG sebelumnya telah memperingatkan potensi gelombang tinggi "
    "di Samudra Hindia selatan Jawa hingga akhir pekan."
)

WORDS = ("rapat kota warga jalan pasar sekolah harga dinas laporan program dana kepala bupati desa musim "
         "air listrik proyek aparat anggaran petani nelayan").split()


def edited(text: str, rate: float, seed: int = 1) -> str:
    """A copy with `rate` of its words replaced by other words (as an editor's rewrite would)."""
    rng = random.Random(seed)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * rate)):
        words[i] = rng.choice(WORDS)
    return " ".join(words)


# Three stories, each told by three outlets in their own words (different wording, same event).
STORIES = {
    "banjir": [
        ("kompas", "2024-02-05T08:00", "Banjir Rendam Ratusan Rumah di Jakarta Timur",
         "Banjir merendam ratusan rumah di Kelurahan Cawang, Jakarta Timur, setelah hujan deras mengguyur sejak "
         "Minggu malam. Ketinggian air mencapai satu meter di permukiman dekat Sungai Ciliwung. Petugas BPBD DKI "
         "Jakarta mengevakuasi warga lanjut usia dan anak-anak ke posko pengungsian di masjid setempat. Warga "
         "mengeluhkan luapan Ciliwung yang terus berulang setiap musim hujan."),
        ("detik", "2024-02-05T10:30", "Ciliwung Meluap, Warga Cawang Mengungsi",
         "Sungai Ciliwung meluap dan membuat banjir di Cawang, Jakarta Timur. Air setinggi hampir satu meter masuk "
         "ke rumah warga sejak Minggu malam akibat hujan deras. BPBD DKI Jakarta membuka posko pengungsian dan "
         "mengevakuasi warga lanjut usia. Sebagian warga memilih bertahan di lantai dua rumah mereka."),
        ("tempo", "2024-02-06T07:15", "BPBD DKI Catat Banjir di Cawang Belum Surut",
         "BPBD DKI Jakarta mencatat banjir di Cawang, Jakarta Timur, belum surut pada Selasa pagi. Luapan Sungai "
         "Ciliwung setinggi satu meter masih menggenangi ratusan rumah warga. Pengungsi di posko masjid membutuhkan "
         "selimut, makanan dan obat-obatan. Hujan deras diperkirakan masih turun hingga akhir pekan."),
    ],
    "kpk": [
        ("kompas", "2024-02-05T13:00", "KPK Tangkap Bupati Lampung Selatan dalam OTT",
         "Komisi Pemberantasan Korupsi menangkap Bupati Lampung Selatan dalam operasi tangkap tangan pada Senin. "
         "Penyidik KPK menyita uang tunai Rp 1,2 miliar yang diduga suap proyek jalan kabupaten. Juru bicara KPK "
         "mengatakan bupati dan tiga orang lainnya dibawa ke Gedung Merah Putih di Jakarta untuk diperiksa."),
        ("detik", "2024-02-05T15:45", "Bupati Lampung Selatan Terjaring OTT KPK, Uang Rp 1,2 Miliar Disita",
         "Bupati Lampung Selatan terjaring operasi tangkap tangan KPK. Uang Rp 1,2 miliar disita penyidik dari "
         "rumah dinas bupati. Juru bicara KPK menyebut uang itu diduga suap terkait proyek jalan. Bupati kini "
         "diperiksa di Gedung Merah Putih KPK bersama tiga orang lainnya."),
        ("tempo", "2024-02-06T09:00", "KPK Tetapkan Bupati Lampung Selatan Tersangka Suap",
         "KPK menetapkan Bupati Lampung Selatan sebagai tersangka suap proyek jalan setelah operasi tangkap tangan. "
         "Juru bicara KPK menjelaskan penyidik menemukan uang Rp 1,2 miliar. Bupati ditahan selama 20 hari pertama "
         "di rumah tahanan KPK. Tiga orang lain dari pihak swasta juga menjadi tersangka."),
    ],
    "timnas": [
        ("kompas", "2024-02-05T21:30", "Timnas Indonesia Kalahkan Vietnam 2-0",
         "Timnas Indonesia mengalahkan Vietnam dengan skor 2-0 di Stadion Utama Gelora Bung Karno. Dua gol "
         "dicetak pada babak kedua lewat sundulan dan tendangan bebas. Pelatih timnas memuji disiplin pemain "
         "bertahan. Kemenangan ini membuka peluang Garuda lolos ke putaran berikutnya kualifikasi Piala Dunia."),
        ("detik", "2024-02-05T22:10", "Garuda Menang 2-0 atas Vietnam di GBK",
         "Garuda menang 2-0 atas Vietnam di Gelora Bung Karno. Gol tendangan bebas dan sundulan di babak kedua "
         "memastikan kemenangan timnas Indonesia. Puluhan ribu suporter memadati stadion. Pelatih menyebut "
         "pemain tampil disiplin dan kini fokus ke laga kualifikasi Piala Dunia berikutnya."),
        ("tempo", "2024-02-06T06:00", "Pelatih Timnas Puji Pemain Usai Tundukkan Vietnam",
         "Pelatih timnas Indonesia memuji pemain setelah menundukkan Vietnam 2-0 di Stadion Gelora Bung Karno. "
         "Menurutnya sundulan dan tendangan bebas di babak kedua hasil latihan sepekan. Timnas Indonesia kini "
         "berpeluang lolos ke putaran berikutnya kualifikasi Piala Dunia."),
    ],
}


def disagreeing(want_estimate_above: bool, threshold: float = 0.5, seed: int = 11, tries: int = 400,
                words: int = 120) -> tuple[str, str]:
    """Two texts that share an LSH band but whose signature estimate and exact 2-shingle Jaccard
    fall on opposite sides of `threshold`: estimate ≥ threshold > exact (`want_estimate_above`, a
    false pair the estimate alone would report) or exact ≥ threshold > estimate (a pair only
    verification finds). Searched over edits of made-up texts with a fixed seed."""
    import numpy as np

    from warta.dedup import DedupConfig, bands, signatures
    from warta.dedup.shingles import jaccard, shingle_set

    vocab = [f"{w}{i}" for w in WORDS for i in range(12)]
    rng = random.Random(seed)
    config = DedupConfig(threshold=threshold)
    for _ in range(tries):
        a = [rng.choice(vocab) for _ in range(words)]
        b = list(a)
        for i in rng.sample(range(words), rng.randint(words // 7, words // 4)):
            b[i] = rng.choice(vocab)
        ta, tb = " ".join(a), " ".join(b)
        sa, sb = signatures([ta, tb], config)
        est = float(np.count_nonzero(sa.astype(np.uint16) == sb.astype(np.uint16))) / config.num_perm
        exact = jaccard(shingle_set(ta, 2), shingle_set(tb, 2))
        if not set(bands(sa, config)) & set(bands(sb, config)) or est < threshold - config.margin:
            continue
        if (est >= threshold > exact) if want_estimate_above else (exact >= threshold > est):
            return ta, tb
    raise AssertionError("no disagreeing pair found")


_SYLLABLES = ("ba be bi bo bu da de di do du ga gi gu ka ke ki ko ku la li lu ma me mi mo mu na ni nu "
              "pa pe pi po pu ra ri ru sa se si so su ta te ti to tu wa wi ya").split()


def segments(n: int, words: int = 30, seed: int = 3) -> list[str]:
    """`n` runs of made-up words, no word shared between runs: texts glued from them have a known
    shingle Jaccard (k of m shared runs ≈ k/m), for building duplicate chains by hand."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out = []
    for _ in range(n):
        run = []
        while len(run) < words:
            w = "".join(rng.choice(_SYLLABLES) for _ in range(3))
            if w not in seen:
                seen.add(w)
                run.append(w)
        out.append(" ".join(run))
    return out


def glued(segs: list[str], *which: int) -> str:
    return ". ".join(segs[i].capitalize() for i in which) + "."
