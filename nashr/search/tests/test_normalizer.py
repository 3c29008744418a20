"""One test per rule of the normalizer (nashr/search/normalizer.py), then the pipeline as a whole."""

from django.test import SimpleTestCase

from nashr.search import normalizer as n


class CharacterRuleTests(SimpleTestCase):
    def test_rule_1_presentation_forms_become_plain_letters(self):
        self.assertEqual(n.fold_compatibility("ﻻ ﺑﻴﺮوت ﷲ"), n.fold_compatibility("لا بيروت الله"))
        self.assertEqual(n.strip_marks(n.fold_compatibility("ﻻ")), "لا")

    def test_rule_2_alef_forms_become_bare_alef(self):
        self.assertEqual(n.fold_alef("أإآٱ"), "اااا")

    def test_rule_3_waw_and_yeh_with_hamza_become_bare(self):
        self.assertEqual(n.fold_hamza_carriers("مؤتمر رئيس"), "موتمر رييس")

    def test_rule_3_a_hamza_on_a_seat_is_marked_after_its_seat(self):
        mark = n.SEAT_MARK
        self.assertEqual(n.mark_hamza_seats("مؤتمر رئيس مسألة"), f"مو{mark}تمر ري{mark}يس مسا{mark}لة")
        # split by NFKD (rule 1) or typed as a Persian yeh with a hamza above: the same
        self.assertEqual(n.mark_hamza_seats(n.fold_compatibility("مسئول")), f"مسي{mark}ول")
        self.assertEqual(n.mark_hamza_seats("مسی\u0654ول"), f"مسی{mark}ول")
        # heh with hamza above is the Persian ezafe, not a seat (rule 4)
        self.assertEqual(n.mark_hamza_seats("خانه\u0654"), "خانه\u0654")

    def test_rule_4_teh_marbuta_and_heh_forms_become_heh(self):
        self.assertEqual(n.fold_heh("جامعة خانۀ ہ"), "جامعه خانه ه")
        # heh with hamza above as two code points: the hamza goes in rule 5
        self.assertEqual(n.strip_marks(n.fold_heh("خانه\u0654")), "خانه")

    def test_rule_5_harakat_shadda_sukun_tanwin_and_superscript_alef_are_removed(self):
        marks = "\u064e\u064f\u0650\u064b\u064c\u064d\u0651\u0652\u0670"  # fatha..sukun, superscript alef
        self.assertEqual(n.strip_marks(f"ك{marks}تاب"), "كتاب")
        self.assertEqual(n.strip_marks("الكُتّابُ"), "الكتاب")

    def test_rule_5_latin_accents_are_removed_after_decomposition(self):
        self.assertEqual(n.strip_marks(n.fold_compatibility("Tiranë Çmimi café")), "Tirane Cmimi cafe")

    def test_rule_6_tatweel_is_removed(self):
        self.assertEqual(n.strip_tatweel("فـــرهنگ"), "فرهنگ")

    def test_rule_7_yeh_and_kaf_become_the_editions_letters(self):
        self.assertEqual(n.fold_yeh_kaf("كي ى ے ک ی", "fa"), "کی ی ی ک ی")
        self.assertEqual(n.fold_yeh_kaf("کی ى ے ك ي", "ar"), "كي ي ي ك ي")

    def test_rule_8_persian_and_arabic_indic_digits_become_ascii(self):
        self.assertEqual(n.fold_digits("۱۴۰۲ ٢٠٢٤ 2024"), "1402 2024 2024")

    def test_rule_9_case_is_folded(self):
        self.assertEqual(n.fold_case("ROME Straße"), "rome strasse")


class WordRuleTests(SimpleTestCase):
    def test_rule_10_punctuation_separates_and_zwnj_joins(self):
        self.assertEqual(n.split_words("کتاب\u200cخانه، «شهر» (book*) -x \"q\" NEAR/2"), [
            "کتابخانه", "شهر", "book", "x", "q", "NEAR", "2",
        ])  # fmt: skip

    def test_rule_10_persian_ezafe_and_indefinite_after_zwnj_are_dropped(self):
        self.assertEqual(
            n.split_words("خانه\u200cای خانه\u200cی خانه\u200cها", "fa"), ["خانه", "خانه", "خانهها"]
        )

    def test_rule_10_persian_possessives_after_zwnj_are_dropped(self):
        words = n.split_words(
            "خانه\u200cام خانه\u200cات خانه\u200cاش خانه\u200cمان خانه\u200cتان خانه\u200cشان", "fa"
        )
        self.assertEqual(words, ["خانه"] * 6)
        # not inside a word, nor in another language
        self.assertEqual(n.split_words("خانه\u200cامید", "fa"), ["خانهامید"])
        self.assertEqual(n.split_words("x\u200cام", "ar"), ["xام"])

    def test_rule_11_persian_plurals_with_possessives_and_ezafe_after_alef(self):
        cases = {
            "کتابهایش": "کتاب", "کتابهایم": "کتاب", "کتابهایشان": "کتاب", "دریای": "دریا",
            "تماشای": "تماشا", "صدای": "صدا",
        }  # fmt: skip
        for word, stem in cases.items():
            with self.subTest(word=word):
                self.assertEqual(n.stem(word, "fa"), stem)
        self.assertEqual(n.normalize("کتاب‌هایش خانه‌اش", "fa"), "کتاب خانه")

    def test_rule_11_arabic_duals(self):
        cases = {
            "معلمان": "معلم", "المعلمان": "معلم", "الكتابان": "كتاب", "مدرستان": "مدرسه",
            "المدرستين": "مدرسه", "سيارتين": "سياره",
        }  # fmt: skip
        for word, stem in cases.items():
            with self.subTest(word=word):
                self.assertEqual(n.stem(word, "ar"), stem)

    def test_rule_11_persian_plurals_and_verb_prefix(self):
        cases = {
            "کتابها": "کتاب", "کتابهای": "کتاب", "دلها": "دل", "درختان": "درخت", "اطلاعات": "اطلاع",
            "دانشجویان": "دانشجو", "نویسندگان": "نویسنده", "ایرانیان": "ایرانی", "میروند": "روند",
        }  # fmt: skip
        for word, stem in cases.items():
            with self.subTest(word=word):
                self.assertEqual(n.stem(word, "fa"), stem)

    def test_rule_11_arabic_article_clitics_and_plurals(self):
        cases = {
            "الكتاب": "كتاب", "والكتاب": "كتاب", "بالمدينه": "مدينه", "للكتاب": "كتاب", "فالعلم": "علم",
            "كالبحر": "بحر", "سيارات": "سياره", "معلمون": "معلم", "المهندسين": "مهندس",
        }  # fmt: skip
        for word, stem in cases.items():
            with self.subTest(word=word):
                self.assertEqual(n.stem(word, "ar"), stem)

    def test_rule_11_near_misses_stay_apart(self):
        pairs = [
            ("fa", "یزد", "یزدان"), ("fa", "کرم", "کرمان"), ("fa", "بار", "باران"), ("fa", "است", "استان"),
            ("fa", "گروه", "گروگان"), ("fa", "ایران", "ایرانی"),
            ("ar", "بحر", "البحرين"), ("ar", "زيت", "زيتون"), ("ar", "لبن", "لبنان"), ("ar", "صور", "صوره"),
            ("ar", "جامع", "جامعه"), ("ar", "زير", "وزير"),
            # word forms: a bare possessive, the ezafe after و, the Arabic plural ین in Persian, names and
            # tens that end like a dual or a plural, short words that end like one
            ("fa", "بار", "بارش"), ("fa", "کر", "کرم"), ("fa", "دان", "دانش"), ("fa", "ماش", "ماشین"),
            ("fa", "سنگ", "سنگین"), ("fa", "لغو", "لغوی"), ("fa", "بین", "بی‌نهایت"), ("fa", "تن", "تنهای"),
            ("fa", "چا", "چای"),
            ("ar", "مهرج", "مهرجان"), ("ar", "مهرج", "لمهرجان"), ("ar", "ميز", "بميزان"),
            ("ar", "سليم", "سليمان"), ("ar", "طالب", "طالبان"),
            ("ar", "ثلاث", "ثلاثين"), ("ar", "اربع", "الأربعون"), ("ar", "عمه", "عمان"),
            ("ar", "فيض", "الفيضان"), ("ar", "بس", "بستان"), ("ar", "سنه", "سنتين"),
        ]  # fmt: skip
        for language, short, long in pairs:
            with self.subTest(short=short, long=long):
                self.assertNotEqual(n.normalize(short, language), n.normalize(long, language))

    def test_rule_11_short_words_and_other_languages_are_not_stemmed(self):
        self.assertEqual(n.stem("زنان", "fa"), "زنان")
        self.assertEqual(n.stem("الى", "ar"), "الى")
        self.assertEqual(n.stem("books", "en"), "books")
        self.assertEqual(n.stem("librat", "sq"), "librat")


class HamzaRuleTests(SimpleTestCase):
    def test_rule_12_every_seat_of_a_hamza_reads_the_same(self):
        families = [
            ("ar", ["مسؤول", "مسئول", "مسءول"]), ("ar", ["شؤون", "شئون"]), ("ar", ["هيئة", "هيأة"]),
            ("ar", ["شيء", "شئ"]), ("ar", ["جزء", "جزئ"]), ("ar", ["يقرؤون", "يقرأون"]),
            ("fa", ["مسئول", "مسؤول"]), ("fa", ["سؤال", "سئوال"]), ("fa", ["هیئت", "هیأت"]),
            ("fa", ["مسئله", "مسأله"]), ("fa", ["جرأت", "جرئت"]),
        ]  # fmt: skip
        for language, family in families:
            with self.subTest(family=family):
                readings = [set(n.slot_terms(n.query_alternatives(word, language)[0][0])) for word in family]
                for other in readings[1:]:
                    self.assertTrue(readings[0] & other, f"{family}: {readings}")

    def test_rule_12_the_plain_reading_is_the_word_typed_without_a_hamza(self):
        for language, word, plain in [
            ("ar", "رئيس", "رييس"), ("ar", "مؤتمر", "موتمر"), ("ar", "أمسية", "امسيه"),
            ("fa", "پائیز", "پاییز"), ("fa", "اعضاء", "اعضا"), ("fa", "اجراء", "اجرا"),
            ("ar", "سماء", "سماء"), ("fa", "ماء", "ماء"),
        ]:  # fmt: skip
            with self.subTest(word=word):
                self.assertEqual(n.words(word, language), [plain])

    def test_rule_12_a_hamza_at_the_start_is_only_an_alef(self):
        self.assertEqual(n.word_forms("أمسية إربد", "ar"), [("امسيه", None), ("اربد", None)])

    def test_rule_12_the_hamza_reading_never_meets_a_word_without_hamza(self):
        # سؤال (question) is not سال (year), ماء (water) is not ما (what), رأس (head) is not راس
        for language, word, other in [("fa", "سؤال", "سال"), ("ar", "ماء", "ما"), ("ar", "رأس", "رس")]:
            with self.subTest(word=word):
                terms = {t for slot in n.query_alternatives(word, language)[0] for t in n.slot_terms(slot)}
                self.assertNotIn(n.normalize(other, language), terms)

    def test_rule_12_index_holds_both_readings(self):
        self.assertEqual(n.index_terms("المسؤولون في الهيئة", "ar"), "مسوول في هييه مسءل هيءه")
        self.assertEqual(n.query_alternatives("مسؤول", "ar"), [[("مسوول", "مسءل")]])
        self.assertEqual(n.query_alternatives("رئيس النادي", "ar"), [[("رييس", "رءيس"), "نادي"]])


class PipelineTests(SimpleTestCase):
    def test_persian_typed_on_an_arabic_keyboard_matches(self):
        self.assertEqual(n.normalize("كتابخانه مركزي", "fa"), n.normalize("کتابخانه مرکزی", "fa"))

    def test_arabic_typed_on_a_persian_keyboard_matches(self):
        self.assertEqual(n.normalize("کرة القدم", "ar"), n.normalize("كرة القدم", "ar"))

    def test_compound_with_zwnj_space_or_nothing(self):
        joined = n.normalize("کتابخانه", "fa")
        self.assertEqual(n.normalize("کتاب\u200cخانه", "fa"), joined)
        self.assertIn(joined, n.compound_terms("کتاب خانه", "fa").split())
        self.assertIn([joined], n.query_alternatives("کتاب خانه", "fa"))

    def test_index_terms_are_the_terms_then_the_compounds(self):
        for text, language in (("کتاب‌های خانه ما", "fa"), ("الكتاب في المكتبة", "ar"), ("Book Fair", "en")):
            with self.subTest(text=text):
                expected = f"{n.normalize(text, language)} {n.compound_terms(text, language)}".strip()
                self.assertEqual(n.index_terms(text, language), expected)

    def test_compounds_are_persian_only(self):
        self.assertEqual(n.compound_terms("book fair", "en"), "")
        self.assertEqual(n.query_alternatives("book fair", "en"), [["book", "fair"]])

    def test_nothing_searchable_gives_nothing(self):
        for text in ("", "   ", "!!! ... ؟؟ «» ()", "\u200c\u200c", "ـــ", "\u064b\u064c"):
            with self.subTest(text=text):
                self.assertEqual(n.normalize(text, "fa"), "")
                self.assertEqual(n.query_alternatives(text, "ar"), [])

    def test_long_queries_are_cut(self):
        alternatives = n.query_alternatives("word " * 5000, "en")
        self.assertEqual(alternatives, [["word"]])
        self.assertEqual(
            len(n.query_alternatives(" ".join(f"w{i}" for i in range(100)), "en")[0]), n.MAX_WORDS
        )

    def test_the_same_function_serves_index_and_query(self):
        from nashr.search.index import index_text

        text = "وَالْكُتُبُ في المكتبةِ الوطنيّة ٢٠٢٤"
        self.assertEqual(index_text(text, "ar"), n.normalize(text, "ar"))
        self.assertEqual(n.query_alternatives(text, "ar"), [n.normalize(text, "ar").split()])
