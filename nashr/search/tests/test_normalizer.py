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
        ]  # fmt: skip
        for language, short, long in pairs:
            with self.subTest(short=short, long=long):
                self.assertNotEqual(n.normalize(short, language), n.normalize(long, language))

    def test_rule_11_short_words_and_other_languages_are_not_stemmed(self):
        self.assertEqual(n.stem("زنان", "fa"), "زنان")
        self.assertEqual(n.stem("الى", "ar"), "الى")
        self.assertEqual(n.stem("books", "en"), "books")
        self.assertEqual(n.stem("librat", "sq"), "librat")


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
