"""find_quotes: direct and reported speech with speakers, on sentences written for these tests."""
from __future__ import annotations

import pytest

from warta.facts.quotes import find_quotes


def _check_offsets(text, quotes):
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"]


def _one(text, entities=None):
    quotes = find_quotes(text, entities or [])
    _check_offsets(text, quotes)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("verb", [
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "sebut", "tegas", "tulis", "beber", "imbuh",
    "tambah", "terang", "papar", "klaim", "lanjut",
])
def test_speaker_after_each_tail_verb(verb):
    text = f"“Kami akan memperbaiki jalan itu sebelum musim hujan tiba,” {verb} Budi Santoso di Bandung."
    q = _one(text)
    assert q["text"] == "Kami akan memperbaiki jalan itu sebelum musim hujan tiba"
    assert q["speaker"] == "Budi Santoso"
    assert q["verb"] == verb
    assert q["direct"] is True


def test_straight_quotes_and_title_stripped():
    text = ('"Anggaran untuk irigasi naik tahun depan," kata Menteri Pertanian Andi Wirawan kepada '
            'wartawan, Senin (3/3/2025).')
    q = _one(text)
    assert q["speaker"] == "Andi Wirawan"
    assert q["text"] == "Anggaran untuk irigasi naik tahun depan"


def test_rank_and_place_stripped_from_speaker():
    text = ('“Pelaku sudah kami amankan bersama barang buktinya,” ujar Kapolres Sleman AKBP Rudi '
            'Hartono saat dihubungi.')
    assert _one(text)["speaker"] == "Rudi Hartono"
    text = '“Pasar murah kami gelar di semua kelurahan,” kata Wali Kota Madiun Sri Lestari.'
    assert _one(text)["speaker"] == "Sri Lestari"


def test_appositive_speaker_after_role():
    text = '“Kondisinya mulai membaik sejak pagi tadi,” ujar kuasa hukum terdakwa, Rina Marpaung, kepada wartawan.'
    assert _one(text)["speaker"] == "Rina Marpaung"


def test_speaker_before_with_comma_and_colon():
    text = 'Ketua panitia Dimas Prakoso mengatakan, “Semua peserta wajib membawa kartu identitas.”'
    q = _one(text)
    assert q["speaker"] == "Dimas Prakoso"
    assert q["direct"] is True
    assert q["text"].startswith("Semua peserta wajib")
    text = 'Dimas menambahkan: “Pendaftaran ditutup hari Jumat pukul lima sore.”'
    q = _one(text)
    assert q["speaker"] == "Dimas"
    assert q["verb"] == "menambahkan"


def test_nya_pronoun_resolves_to_last_speaker_and_short_form_widens():
    text = ('Gubernur Jawa Tengah Siti Rahmawati meninjau lokasi banjir di Demak.\n'
            '“Kami kirim tambahan perahu karet dan logistik hari ini,” kata Siti.\n'
            '“Warga yang mengungsi akan kami tanggung makannya,” ujarnya.')
    quotes = find_quotes(text, [])
    _check_offsets(text, quotes)
    assert [q["speaker"] for q in quotes] == ["Siti Rahmawati", "Siti Rahmawati"]
    assert quotes[1]["verb"] == "ujarnya"


@pytest.mark.parametrize("pron", ["dia", "beliau"])
def test_pronoun_after_verb(pron):
    text = (f'Rektor Hendra Kusuma membuka acara wisuda di kampusnya.\n'
            f'“Lulusan tahun ini paling banyak dalam sejarah kampus,” kata {pron}.')
    quotes = find_quotes(text, [])
    assert quotes[-1]["speaker"] == "Hendra Kusuma"


def test_pronoun_uses_ner_entities():
    text = 'Prabowo Subianto tiba di Surabaya pagi ini.\n“Saya ingin melihat langsung pelabuhan ini,” ujarnya.'
    ents = [{"text": "Prabowo Subianto", "label": "PER", "start": 0, "end": 16, "canonical": "Prabowo Subianto"},
            {"text": "Surabaya", "label": "LOC", "start": 25, "end": 33, "canonical": "Surabaya"}]
    assert _one(text, ents)["speaker"] == "Prabowo Subianto"


def test_short_form_resolves_to_entity_canonical():
    text = ('Presiden Prabowo Subianto meresmikan bendungan baru.\n'
            '“Bendungan ini akan mengairi ribuan hektare sawah,” kata Prabowo.')
    start = text.index("Prabowo Subianto")
    short = text.rindex("Prabowo")
    ents = [{"text": "Prabowo Subianto", "label": "PER", "start": start, "end": start + 16,
             "canonical": "Prabowo Subianto"},
            {"text": "Prabowo", "label": "PER", "start": short, "end": short + 7, "canonical": "Prabowo Subianto"}]
    assert _one(text, ents)["speaker"] == "Prabowo Subianto"


def test_organisation_speaker():
    text = '“Rudal itu berhasil mengenai sasaran di laut lepas,” tulis KCNA dalam laporannya.'
    assert _one(text)["speaker"] == "KCNA"


def test_acronym_widened_to_long_form():
    text = ('Peneliti Indonesia Corruption Watch (ICW) merilis temuan baru.\n'
            '“Ada potensi kerugian negara dalam proyek ini,” kata ICW dalam keterangannya.')
    assert _one(text)["speaker"] == "Indonesia Corruption Watch"


def test_multi_paragraph_quote():
    text = ('Kepala desa Joko Susilo menceritakan kejadian malam itu.\n'
            '“Air naik sangat cepat setelah tanggul jebol di hulu sungai.\n'
            '“Dalam satu jam rumah warga sudah terendam setinggi dada,” kata Joko.')
    q = _one(text)
    assert q["text"].startswith("Air naik sangat cepat")
    assert q["text"].endswith("setinggi dada")
    assert q["speaker"] == "Joko Susilo"


def test_continuation_quote_after_tag_keeps_speaker():
    text = ('“Stok beras aman sampai akhir tahun,” kata Kepala Dinas Pertanian Arief Gunawan. '
            '“Kami juga siap operasi pasar bila harga naik di daerah.”')
    quotes = find_quotes(text, [])
    _check_offsets(text, quotes)
    assert len(quotes) == 2
    assert quotes[1]["speaker"] == "Arief Gunawan"


def test_teaser_in_quotes_is_not_a_quote():
    text = ('“Baca Juga: Harga Cabai Melonjak Jelang Akhir Tahun di Pasar Induk”\n'
            'Harga cabai rawit naik tajam pekan ini.')
    assert find_quotes(text, []) == []


def test_scare_quotes_and_titles_are_not_quotes():
    text = ('Program "Makan Bergizi Gratis" berjalan di sekolah itu. Warga menjulukinya "si raja jalanan" '
            'karena sering ngebut. Film "Pengabdi Setan" tayang lagi bulan depan.')
    assert find_quotes(text, []) == []


def test_long_title_mid_sentence_is_not_a_quote():
    text = 'Band itu merilis lagu berjudul "Hujan Turun di Kota Tua Saat Senja Tiba" pekan lalu.'
    assert find_quotes(text, []) == []


@pytest.mark.parametrize("sentence,speaker,clause", [
    ("Menteri Keuangan Sri Wahyuni mengatakan bahwa defisit anggaran masih terkendali tahun ini.",
     "Sri Wahyuni", "defisit anggaran masih terkendali tahun ini"),
    ("Bambang mengatakan pihaknya sudah memeriksa tujuh saksi dalam kasus itu.",
     "Bambang", "pihaknya sudah memeriksa tujuh saksi dalam kasus itu"),
    ("Kapolsek Tebet Kompol Andi Saputra menjelaskan, pelaku masuk lewat jendela belakang rumah.",
     "Andi Saputra", "pelaku masuk lewat jendela belakang rumah"),
    ("Dewi menyebut harga gabah di tingkat petani turun dua pekan terakhir.",
     "Dewi", "harga gabah di tingkat petani turun dua pekan terakhir"),
    ("Menurut Rahmat Hidayat, pembangunan jembatan itu molor karena cuaca buruk.",
     "Rahmat Hidayat", "pembangunan jembatan itu molor karena cuaca buruk"),
])
def test_indirect_speech(sentence, speaker, clause):
    q = _one(sentence)
    assert q["direct"] is False
    assert q["speaker"] == speaker
    assert q["text"] == clause


def test_indirect_speaker_skips_inserted_phrase():
    text = 'Yuni Astuti, dalam wawancara dengan radio lokal, memastikan stok obat di puskesmas aman.'
    q = _one(text)
    assert q["speaker"] == "Yuni Astuti"
    assert q["text"] == "stok obat di puskesmas aman"


def test_indirect_pronoun_and_menurutnya():
    text = ('Ekonom Lestari Wibowo hadir dalam diskusi itu.\n'
            'Menurutnya, inflasi akan melandai pada kuartal depan. Ia menambahkan, suku bunga bisa turun.')
    quotes = find_quotes(text, [])
    _check_offsets(text, quotes)
    assert [q["speaker"] for q in quotes] == ["Lestari Wibowo", "Lestari Wibowo"]
    assert all(q["direct"] is False for q in quotes)


def test_mid_sentence_kata_dia():
    text = 'Andika Pratama memimpin rapat itu. Apalagi, kata dia, jalan tol baru itu akan memangkas waktu tempuh.'
    q = _one(text)
    assert q["speaker"] == "Andika Pratama"
    assert "jalan tol baru itu" in q["text"]


def test_weak_verb_with_object_is_not_speech():
    text = 'Rina menyampaikan keluhannya kepada petugas loket di stasiun.'
    assert find_quotes(text, []) == []


def test_relative_clause_is_not_speech():
    text = 'Pejabat yang mengatakan hal itu kini dicopot dari jabatannya.'
    assert find_quotes(text, []) == []


def test_speech_verb_inside_direct_quote_is_not_indirect():
    text = '“Saya tidak pernah mengatakan bahwa proyek itu batal,” tegas Hadi Purnomo.'
    q = _one(text)
    assert q["direct"] is True
    assert q["speaker"] == "Hadi Purnomo"


def test_mojibake_curly_quotes():
    text = '‚ÄúKami menolak aturan baru itu,‚Äù kata Said Anwar di Jakarta.'
    q = _one(text)
    assert q["text"] == "Kami menolak aturan baru itu"
    assert q["speaker"] == "Said Anwar"


def test_empty_text():
    assert find_quotes("", []) == []


def _ents(text, *names):
    out = []
    for n in names:
        start = 0
        while (i := text.find(n, start)) >= 0:
            out.append({"text": n, "label": "PER", "start": i, "end": i + len(n), "canonical": n})
            start = i + len(n)
    return sorted(out, key=lambda e: e["start"])


def test_sentence_pronoun_follows_the_previous_subject():
    text = ('Wahyu Santoso membuka diskusi itu.\n'
            '“Kami butuh lebih banyak guru di pedalaman,” kata Wahyu.\n'
            'Lina Marlina menyoroti soal gaji guru honorer yang masih rendah. Dia menegaskan '
            'anggaran daerah harus naik tahun depan.')
    quotes = find_quotes(text, _ents(text, "Wahyu Santoso", "Wahyu", "Lina Marlina"))
    _check_offsets(text, quotes)
    assert [q["speaker"] for q in quotes] == ["Wahyu Santoso", "Lina Marlina"]


def test_nya_after_quote_stays_with_last_speaker_despite_mentions():
    text = ('“Kami siap bekerja sama dengan siapa pun,” kata Arman Hakim.\n'
            'Ia juga menyinggung peran Joko Prasetyo dalam koalisi itu.\n'
            '“Semua pintu tetap terbuka untuk dialog,” ujarnya.')
    quotes = find_quotes(text, _ents(text, "Arman Hakim", "Joko Prasetyo"))
    assert [q["speaker"] for q in quotes] == ["Arman Hakim", "Arman Hakim"]


def test_pronoun_followed_by_full_stop():
    text = 'Rudi Hartawan hadir di lokasi.\n"Kami sudah siapkan tenda untuk pengungsi," jelas dia.'
    assert _one(text)["speaker"] == "Rudi Hartawan"


def test_descriptive_tag_with_ini_points_back():
    text = ('“Saya hadir untuk mendengar keluhan petani,” kata Dedi Kurnia.\n'
            '“Harga pupuk harus turun sebelum musim tanam,” ujar anggota Komisi IV DPR RI ini.')
    quotes = find_quotes(text, [])
    assert [q["speaker"] for q in quotes] == ["Dedi Kurnia", "Dedi Kurnia"]


def test_name_does_not_reach_across_a_full_stop():
    text = ('Acara itu digelar di Papua. Yohanes Wenda mengatakan, pembangunan jalan akan '
            'dipercepat tahun ini.')
    assert _one(text)["speaker"] == "Yohanes Wenda"


def test_single_curly_quotes_with_tag():
    text = '‘Kami tidak akan mundur dari kasus ini,’ kata Nadia Putri kepada wartawan.'
    q = _one(text)
    assert q["text"] == "Kami tidak akan mundur dari kasus ini"
    assert q["speaker"] == "Nadia Putri"


def test_single_quotes_without_tag_are_not_quotes():
    text = "Tuntutan '17+8' diserahkan ke DPR. Warga menyebutnya 'jalan tikus' sejak lama."
    assert find_quotes(text, []) == []


def test_quote_split_by_its_tag():
    text = ('Ia berdiri di depan batu bertulis itu. "Dari enam prasasti yang ada di sini," ujar '
            'Budi Santoso, "makna falsafah itu bisa dipahami sebagai gabungan nilai."')
    quotes = find_quotes(text, [])
    _check_offsets(text, quotes)
    assert len(quotes) == 2
    assert [q["speaker"] for q in quotes] == ["Budi Santoso", "Budi Santoso"]


def test_lowercase_honorific_before_name():
    text = 'Banyak orang salah minum kopi."Saya sendiri minum dua cangkir sehari," kata dr Sethi Wardana.'
    assert _one(text)["speaker"] == "Sethi Wardana"


def test_title_after_a_distant_tag_is_not_a_quote():
    text = ("“Hampir semua responden puas dengan layanan itu,” kata Satrio Wibowo pada peluncuran "
            "laporan survei, 'Membaca Suara Warga Kota' di Jakarta.")
    quotes = find_quotes(text, [])
    assert [q["text"] for q in quotes] == ["Hampir semua responden puas dengan layanan itu"]


def test_portfolio_word_after_title_is_not_a_name():
    text = '“Stok pangan cukup sampai Lebaran,” kata Menko Pangan Zulkarnain Hasibuan di Jakarta.'
    assert _one(text)["speaker"] == "Zulkarnain Hasibuan"


def test_person_entity_inside_a_longer_phrase_wins():
    text = '“Pasokan BBM aman,” ujar Direktur Utama Pertamina Simon Manurung.'
    s = text.index("Simon Manurung")
    ents = [{"text": "Pertamina", "label": "ORG", "start": s - 10, "end": s - 1, "canonical": "Pertamina"},
            {"text": "Simon Manurung", "label": "PER", "start": s, "end": s + 14, "canonical": "Simon Manurung"}]
    assert _one(text, ents)["speaker"] == "Simon Manurung"


def test_entity_canonical_glued_word_is_dropped():
    text = '“Kami terus memantau,” kata Hartono kepadadetikJabar.'
    s = text.index("Hartono")
    ents = [{"text": "Hartono kepadadetikJabar", "label": "PER", "start": s, "end": s + 24,
             "canonical": "Hartono kepadadetikJabar"}]
    assert _one(text, ents)["speaker"] == "Hartono"


def test_acronym_speaker_not_widened_by_a_place_mention():
    text = ('Sidang digelar di Gedung MK, Jakarta. MK menyatakan pasal itu tetap berlaku '
            'sampai ada undang-undang baru.')
    q = _one(text)
    assert q["speaker"] == "MK"


def test_short_token_with_full_stop_ends_a_sentence():
    text = 'Aturan itu memuat standar K3. Namun BPJS menyatakan iuran tidak naik tahun depan.'
    assert _one(text)["speaker"] == "BPJS"


@pytest.mark.parametrize("tag,speaker", [
    ("ujar jaksa saat membacakan dakwaan", "jaksa"),
    ("sahut sang perekam video", "sang perekam video"),
    ("kata salah satu pengemudi ojol di lokasi", "salah satu pengemudi ojol"),
])
def test_unnamed_speaker_by_role(tag, speaker):
    text = f'Sidang berlanjut siang itu.\n"Terdakwa menerima uang dari rekanan proyek jalan," {tag}.'
    assert _one(text)["speaker"] == speaker


def test_role_words_before_a_name_are_skipped():
    text = '"Pemeriksaan saksi berlanjut pekan depan," kata jubir KPK Budi Prasetyo kepada wartawan.'
    assert _one(text)["speaker"] == "Budi Prasetyo"


def test_any_nya_verb_after_quote_points_back():
    text = ('Menteri Purnomo Hadi menanggapi kritik itu.\n'
            '"Silakan cek sendiri datanya di bank masing-masing," sentilnya.')
    q = _one(text)
    assert q["speaker"] == "Purnomo Hadi"
    assert q["verb"] == "sentilnya"


def test_nya_adverbs_after_a_quote_are_not_speech_tags():
    text = ('Menteri Purnomo Hadi menanggapi kritik itu.\n'
            '"Kami sudah mengirim surat ke dinas," sebelumnya Budi Santoso mengatakan hal serupa.')
    quotes = find_quotes(text, [])
    assert quotes and all(q["verb"] != "sebelumnya" for q in quotes)  # (the speaker then falls back as usual)


def test_bare_name_after_quote():
    text = '"Ada lima kandidat dengan empat TPS di sekolah ini," Agung Haryanto.\nPemungutan suara dimulai pagi.'
    assert _one(text)["speaker"] == "Agung Haryanto"


def test_tanya_is_a_verb_not_a_pronoun_tag():
    text = ('Ruben Onsu ikut tertawa di studio.\n'
            '“Kamu bawa bedak ke mana-mana?” tanya Ayu Lestari sambil tersenyum.')
    q = _one(text)
    assert q["speaker"] == "Ayu Lestari"
    assert q["verb"] == "tanya"


@pytest.mark.parametrize("tag", ["dia menjelaskan", "Djoko Pramono menambahkan", "demikian Djoko Pramono"])
def test_speaker_then_verb_after_quote(tag):
    text = f'Djoko Pramono hadir di pelatnas.\n"Kami tetap mengikuti hasil seleksi nasional kemarin," {tag}.'
    assert _one(text)["speaker"] == "Djoko Pramono"


def test_katanya_follows_the_previous_subject():
    text = ('“Kami akan memperbaiki dapur umum,” kata Prasetyo Hadi.\n'
            'Sementara itu Charles Honoris mendorong cara lain. Charles menyampaikan bahan baku disiapkan '
            'malam hari. Makanan, katanya, dimasak subuh dan baru dihidangkan siang hari.')
    quotes = find_quotes(text, _ents(text, "Prasetyo Hadi", "Charles Honoris", "Charles"))
    assert quotes[-1]["speaker"] == "Charles Honoris"
    assert quotes[-1]["text"].startswith("dimasak subuh")


def test_military_rank_words_stripped():
    text = '"Kami menghormati putusan itu," kata Kapuspen TNI Brigjen Marinir Fadli Ardiansyah kepada wartawan.'
    assert _one(text)["speaker"] == "Fadli Ardiansyah"


def test_menurut_at_sentence_end():
    text = 'Kenaikan muka laut mengancam kota-kota tua di pesisir, demikian menurut Scientific American.'
    q = _one(text)
    assert q["speaker"] == "Scientific American"
    assert q["text"] == "Kenaikan muka laut mengancam kota-kota tua di pesisir"
