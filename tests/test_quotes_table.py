"""Table-driven quote tests: one Persian sentence (or short paragraph) a row.

Each row: text, hand-built entity/mention layers, the expected quotes as
``(content, speaker_text, speaker_actor, direct)`` and a one-line English why.
``speaker_text`` None means a zero subject (carried-over speaker, no span).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from khabar.document import Quote
from khabar.quotes import QuoteExtractor
from test_quotes_helpers import E, L, M, O, build

LAV, PUT, PES, ARA, BAG = "Sergey Lavrov", "Vladimir Putin", "Dmitry Peskov", "Abbas Araghchi", "Esmaeil Baghaei"
KRE, IRN, RUS = "Kremlin", "Iran", "Russia"

P = pytest.param
ROWS = [
    # -- every cue verb, direct speech after a colon ---------------------------
    P("لاوروف گفت: آتش‌بس شکننده است.", [E("لاوروف", LAV)],
      [("آتش‌بس شکننده است", "لاوروف", LAV, True)], id="gofť-colon"),  # the base case
    P("لاوروف افزود: مذاکرات ادامه دارد.", [E("لاوروف", LAV)],
      [("مذاکرات ادامه دارد", "لاوروف", LAV, True)], id="afzud"),  # «افزود» adds a statement
    P("لاوروف اظهار داشت: روابط دو کشور راهبردی است.", [E("لاوروف", LAV)],
      [("روابط دو کشور راهبردی است", "لاوروف", LAV, True)], id="ezhar-dasht"),  # compound with داشتن
    P("لاوروف تصریح کرد: مسکو عجله‌ای ندارد.", [E("لاوروف", LAV)],
      [("مسکو عجله‌ای ندارد", "لاوروف", LAV, True)], id="tasrih"),  # compound with کردن
    P("پوتین تأکید کرد: این حملات توجیهی ندارد.", [E("پوتین", PUT)],
      [("این حملات توجیهی ندارد", "پوتین", PUT, True)], id="takid"),  # hamza spelling
    P("کرملین اعلام کرد: دو رئیس‌جمهور تلفنی گفت‌وگو کردند.", [O("کرملین", KRE)],
      [("دو رئیس‌جمهور تلفنی گفت‌وگو کردند", "کرملین", KRE, True)], id="elam-org"),  # an organisation speaks
    P("پسکوف خاطرنشان کرد: تماس‌ها ادامه خواهد یافت.", [E("پسکوف", PES)],
      [("تماس‌ها ادامه خواهد یافت", "پسکوف", PES, True)], id="khaternehshan"),  # خاطرنشان کرد
    P("پسکوف خاطرنشان ساخت: تماس‌ها ادامه خواهد یافت.", [E("پسکوف", PES)],
      [("تماس‌ها ادامه خواهد یافت", "پسکوف", PES, True)], id="khaternehshan-sakht"),  # light verb ساختن
    P("عراقچی یادآور شد: ایران عضو معاهده است.", [E("عراقچی", ARA)],
      [("ایران عضو معاهده است", "عراقچی", ARA, True)], id="yadavar"),  # light verb شدن
    P("عراقچی ادامه داد: ما آماده گفت‌وگو هستیم.", [E("عراقچی", ARA)],
      [("ما آماده گفت‌وگو هستیم", "عراقچی", ARA, True)], id="edame-dad-colon"),  # ادامه داد only with a colon
    P("عراقچی عنوان کرد: تحریم‌ها اثری نداشته است.", [E("عراقچی", ARA)],
      [("تحریم‌ها اثری نداشته است", "عراقچی", ARA, True)], id="onvan"),  # عنوان کرد
    P("بقائی اذعان کرد: مذاکرات دشوار بوده است.", [E("بقائی", BAG)],
      [("مذاکرات دشوار بوده است", "بقائی", BAG, True)], id="ezan"),  # اذعان کرد
    P("بقائی مدعی شد: اسناد جدیدی وجود دارد.", [E("بقائی", BAG)],
      [("اسناد جدیدی وجود دارد", "بقائی", BAG, True)], id="moddai"),  # مدعی شد
    P("پوتین هشدار داد: هر اقدامی پاسخ خواهد داشت.", [E("پوتین", PUT)],
      [("هر اقدامی پاسخ خواهد داشت", "پوتین", PUT, True)], id="hoshdar"),  # هشدار داد
    P("پسکوف به خبرنگاران گفت: دیداری برنامه‌ریزی نشده است.", [E("پسکوف", PES)],
      [("دیداری برنامه‌ریزی نشده است", "پسکوف", PES, True)], id="be-khabarnegaran"),  # addressee is part of the cue
    P("لاوروف در پیامی نوشت: همکاری ادامه می‌یابد.", [E("لاوروف", LAV)],
      [("همکاری ادامه می‌یابد", "لاوروف", LAV, True)], id="nevesht"),  # written statements count
    P("بقائی توضیح داد: این سفر از پیش برنامه‌ریزی شده بود.", [E("بقائی", BAG)],
      [("این سفر از پیش برنامه‌ریزی شده بود", "بقائی", BAG, True)], id="tozih"),  # توضیح داد
    P("بقائی در پاسخ به پرسشی پاسخ داد: موضع ایران تغییر نکرده است.", [E("بقائی", BAG)],
      [("موضع ایران تغییر نکرده است", "بقائی", BAG, True)], id="pasokh-dad"),  # پاسخ داد
    P("پسکوف یادآوری کرد: این موضوع پیش‌تر بررسی شده است.", [E("پسکوف", PES)],
      [("این موضوع پیش‌تر بررسی شده است", "پسکوف", PES, True)], id="yadavari"),  # یادآوری کرد
    P("پسکوف متذکر شد: تصمیم نهایی با رئیس‌جمهور است.", [E("پسکوف", PES)],
      [("تصمیم نهایی با رئیس‌جمهور است", "پسکوف", PES, True)], id="motazakker"),  # متذکر شد
    # -- present and compound tenses -----------------------------------------
    P("لاوروف می‌گوید: غرب مسئول بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول بحران است", "لاوروف", LAV, True)], id="migooyad"),  # present tense
    P("لاوروف گفته است که مسکو آماده میانجیگری است.", [E("لاوروف", LAV)],
      [("مسکو آماده میانجیگری است", "لاوروف", LAV, False)], id="gofte-ast"),  # present perfect
    P("پوتین بارها تأکید کرده است که روسیه از ایران حمایت می‌کند.", [E("پوتین", PUT), L("روسیه", RUS), L("ایران", IRN)],
      [("روسیه از ایران حمایت می‌کند", "پوتین", PUT, False)], id="takid-karde-ast"),  # compound present perfect
    P("لاوروف می‌افزاید: راه دیپلماسی باز است.", [E("لاوروف", LAV)],
      [("راه دیپلماسی باز است", "لاوروف", LAV, True)], id="mi-afzayad"),  # present of افزودن
    P("بقائی پیش‌تر اعلام کرده بود که هیئتی به وین می‌رود.", [E("بقائی", BAG)],
      [("هیئتی به وین می‌رود", "بقائی", BAG, False)], id="elam-karde-bud"),  # pluperfect
    P("مقامات روسیه گفته‌اند که تماس‌ها ادامه دارد.", [L("روسیه", RUS)],
      [("تماس‌ها ادامه دارد", "مقامات روسیه", None, False)], id="gofte-and"),  # plural perfect; unnamed officials, unlinked
    P("کارشناسان می‌گویند تحریم‌ها بر بازار نفت اثر گذاشته است.", [],
      [("تحریم‌ها بر بازار نفت اثر گذاشته است", "کارشناسان", None, False)], id="migooyand-clause"),  # plural present, bare clause
    P("پوتین تأکید می‌کند: امنیت منطقه تقسیم‌ناپذیر است.", [E("پوتین", PUT)],
      [("امنیت منطقه تقسیم‌ناپذیر است", "پوتین", PUT, True)], id="takid-mikonad"),  # present compound
    # -- ZWNJ and spelling robustness ---------------------------------------
    P("لاوروف میگوید: غرب مسئول بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول بحران است", "لاوروف", LAV, True)], id="zwnj-stripped"),  # crawler dropped the ZWNJ
    P("لاوروف می گوید: غرب مسئول بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول بحران است", "لاوروف", LAV, True)], id="zwnj-space"),  # ZWNJ typed as a space
    P("پوتین تاکید کرد: این حملات توجیهی ندارد.", [E("پوتین", PUT)],
      [("این حملات توجیهی ندارد", "پوتین", PUT, True)], id="no-hamza"),  # تاکید without hamza
    P("لاوروف مي‌گويد: غرب مسئول بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول بحران است", "لاوروف", LAV, True)], id="arabic-yeh"),  # Arabic ي from an old CMS
    P("لاوروف گفته‌است که مسکو آماده است.", [E("لاوروف", LAV)],
      [("مسکو آماده است", "لاوروف", LAV, False)], id="gofte-ast-zwnj"),  # perfect written with a ZWNJ
    # -- indirect speech ----------------------------------------------------
    P("پسکوف گفت که روسیه از ایران حمایت کرده است.", [E("پسکوف", PES), L("روسیه", RUS), L("ایران", IRN)],
      [("روسیه از ایران حمایت کرده است", "پسکوف", PES, False)], id="goft-ke"),  # «که» opens the complement
    P("پوتین تأکید کرد که حملات غیرقانونی است.", [E("پوتین", PUT)],
      [("حملات غیرقانونی است", "پوتین", PUT, False)], id="takid-ke"),  # compound + که
    P("پوتین هشدار داد که در صورت حمله پاسخ خواهد داد.", [E("پوتین", PUT)],
      [("در صورت حمله پاسخ خواهد داد", "پوتین", PUT, False)], id="hoshdar-ke"),  # warning with a condition
    P("بقائی مدعی شد که اسناد جعلی است.", [E("بقائی", BAG)],
      [("اسناد جعلی است", "بقائی", BAG, False)], id="moddai-ke"),  # مدعی شد که
    P("پسکوف گفت که روسیه حمایت کرده است و افزود که روابط توسعه می‌یابد.", [E("پسکوف", PES), L("روسیه", RUS)],
      [("روسیه حمایت کرده است", "پسکوف", PES, False), ("روابط توسعه می‌یابد", "پسکوف", PES, False)],
      id="coordinated-cues"),  # «… و افزود که …» is a second quote of the same subject
    P("کرملین اعلام کرد دو رئیس‌جمهور هفته آینده دیدار می‌کنند.", [O("کرملین", KRE)],
      [("دو رئیس‌جمهور هفته آینده دیدار می‌کنند", "کرملین", KRE, False)], id="elam-clause"),  # bare clause complement
    P("پوتین تأکید کرد امنیت منطقه تقسیم‌ناپذیر است.", [E("پوتین", PUT)],
      [("امنیت منطقه تقسیم‌ناپذیر است", "پوتین", PUT, False)], id="takid-clause"),  # bare clause after a compound
    P("بقائی ابراز امیدواری کرد که آتش‌بس پایدار بماند.", [E("بقائی", BAG)],
      [("آتش‌بس پایدار بماند", "بقائی", BAG, False)], id="omidvari"),  # hope clause is reported speech
    P("ترامپ تهدید کرد که اگر توافقی نشود، «بمباران» خواهد شد.", [E("ترامپ", "Donald Trump")],
      [("اگر توافقی نشود، «بمباران» خواهد شد", "ترامپ", "Donald Trump", False)], id="tahdid-inner-guillemets"),  # inner «» stay
    # -- source markers and belief phrases ----------------------------------
    P("به گفته اسحاق دار، دو کشور بر برگزاری کمیسیون مشترک توافق کردند.", [E("اسحاق دار", "Ishaq Dar")],
      [("دو کشور بر برگزاری کمیسیون مشترک توافق کردند", "اسحاق دار", "Ishaq Dar", False)], id="be-gofte"),  # speaker after the marker
    P("به گفته اسحاق دار وزیر امور خارجه پاکستان، دو کشور توافق کردند نشست را برگزار کنند.",
      [E("اسحاق دار", "Ishaq Dar"), L("پاکستان", "Pakistan")],
      [("دو کشور توافق کردند نشست را برگزار کنند", "اسحاق دار", "Ishaq Dar", False)], id="be-gofte-title"),  # the title apposition is skipped
    P("فراس ابیض گفت: «ایران کنار لبنان بوده است.»\nبه گفته وی، شمار آوارگان از یک میلیون فراتر رفته است.",
      [E("فراس ابیض", "Firass Abiad")],
      [("ایران کنار لبنان بوده است", "فراس ابیض", "Firass Abiad", True),
       ("شمار آوارگان از یک میلیون فراتر رفته است", "وی", "Firass Abiad", False)], id="be-gofte-vey"),  # «وی» after a marker
    P("به نقل از رویترز، دو طرف بر سر آزادی زندانیان توافق کردند.", [O("رویترز", "Reuters")],
      [("دو طرف بر سر آزادی زندانیان توافق کردند", "رویترز", "Reuters", False)], id="be-naghl-az"),  # a cited source
    P("از نظر لاوروف، غرب مسئول تشدید بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول تشدید بحران است", "لاوروف", LAV, False)], id="az-nazar"),  # opinion marker with a name
    P("به اعتقاد پسکوف، گفت‌وگوها بی‌نتیجه نبوده است.", [E("پسکوف", PES)],
      [("گفت‌وگوها بی‌نتیجه نبوده است", "پسکوف", PES, False)], id="be-eteghad"),  # belief marker
    P("لاوروف معتقد است که غرب مسئول بحران است.", [E("لاوروف", LAV)],
      [("غرب مسئول بحران است", "لاوروف", LAV, False)], id="motaghed"),  # belief phrase behaves like a verb
    P("پسکوف بر این باور است که تحریم‌ها شکست خورده است.", [E("پسکوف", PES)],
      [("تحریم‌ها شکست خورده است", "پسکوف", PES, False)], id="bavar"),  # بر این باور است
    # -- several sentences ---------------------------------------------------
    P("لاوروف گفت: اما گزارش‌هایی منتشر شده است. بنابراین باید صبر کنیم.", [E("لاوروف", LAV)],
      [("اما گزارش‌هایی منتشر شده است. بنابراین باید صبر کنیم", "لاوروف", LAV, True)], id="colon-two-sentences"),  # colon runs to the paragraph end
    P("پسکوف گفت: «ما آماده‌ایم. تصمیم با تهران است.» او سپس جلسه را ترک کرد.", [E("پسکوف", PES)],
      [("ما آماده‌ایم. تصمیم با تهران است", "پسکوف", PES, True)], id="guillemets-two-sentences"),  # «» close the quote
    P("لاوروف گفت: ما صبر می‌کنیم. پسکوف نیز اعلام کرد: کرملین تصمیمی نگرفته است.",
      [E("لاوروف", LAV), E("پسکوف", PES), O("کرملین", KRE)],
      [("ما صبر می‌کنیم", "لاوروف", LAV, True), ("کرملین تصمیمی نگرفته است", "پسکوف", PES, True)],
      id="colon-stops-at-next-cue"),  # a later sentence with its own cue ends the quote
    P("لاوروف گفت: ما این اقدام را نادرست دانستیم. از نظر ما، این کار را نادرست می‌دانند.", [E("لاوروف", LAV)],
      [("ما این اقدام را نادرست دانستیم. از نظر ما، این کار را نادرست می‌دانند", "لاوروف", LAV, True)],
      id="colon-not-stopped-by-label-cue"),  # «می‌دانند», «از نظر ما» inside a quote start nothing
    P("پسکوف در این باره گفت:\nما هیچ برنامه‌ای برای این سفر نداریم.", [E("پسکوف", PES)],
      [("ما هیچ برنامه‌ای برای این سفر نداریم", "پسکوف", PES, True)], id="cue-only-line"),  # quote in the paragraph after a bare cue
    P("پسکوف در این باره توضیح داد. «ما برای این سفر برنامه‌ای نداریم.»", [E("پسکوف", PES)],
      [("ما برای این سفر برنامه‌ای نداریم", "پسکوف", PES, True)], id="cue-sentence-then-quotation"),  # a cue-only sentence, then the words
    P("پسکوف در این باره توضیح داد.\n«ما برای این سفر برنامه‌ای نداریم.»\nسفر لغو شد.", [E("پسکوف", PES)],
      [("ما برای این سفر برنامه‌ای نداریم", "پسکوف", PES, True)], id="cue-sentence-then-quoted-paragraph"),  # also across a line
    P("پسکوف در این باره توضیح داد. او «به زودی» به تهران می‌رود.", [E("پسکوف", PES)],
      [], id="not-cue-sentence-then-partial"),  # a sentence that only contains «…» is not the quotation
    P("عراقچی گفت: «ثبات منطقه\nبا همکاری همسایگان تأمین می‌شود.»", [E("عراقچی", ARA)],
      [("ثبات منطقه\nبا همکاری همسایگان تأمین می‌شود", "عراقچی", ARA, True)], id="guillemets-across-lines"),  # «» may cross a line break
    # -- speakers -----------------------------------------------------------
    P("وزیر امور خارجه روسیه نیز سه‌شنبه گفت: دشوار می‌توان نتیجه گرفت.", [M("وزیر امور خارجه روسیه", "title", LAV), L("روسیه", RUS)],
      [("دشوار می‌توان نتیجه گرفت", "وزیر امور خارجه روسیه", LAV, True)], id="title-mention"),  # bare title resolved by the linker
    P("در همین حال دیمیتری پسکوف سخنگوی کرملین به خبرنگاران گفت که روسیه حمایت کرده است.",
      [E("دیمیتری پسکوف", PES), O("کرملین", KRE), L("روسیه", RUS)],
      [("روسیه حمایت کرده است", "دیمیتری پسکوف", PES, False)], id="skip-adverbial-apposition"),  # adverbial skipped, title apposition is not the speaker
    P("پسکوف در پاسخ به پرسش‌هایی مبنی بر این که روسیه از ایران حمایت نکرده، گفت: ما حمایت کرده‌ایم.",
      [E("پسکوف", PES), L("روسیه", RUS), L("ایران", IRN)],
      [("ما حمایت کرده‌ایم", "پسکوف", PES, True)], id="subject-first-not-nearest"),  # nearest entity to the cue is not the subject
    P("در واکنش به این اظهارات، مسعود پزشکیان گفت که ایران مذاکره مستقیم را نمی‌پذیرد.",
      [E("مسعود پزشکیان", "Masoud Pezeshkian"), L("ایران", IRN)],
      [("ایران مذاکره مستقیم را نمی‌پذیرد", "مسعود پزشکیان", "Masoud Pezeshkian", False)], id="skip-comma-pp"),  # comma-closed PP before the subject
    P("به گزارش ایسنا به نقل از الجزیره، جرمی کوربین گفت: دولت نمی‌تواند سلاح بفرستد.",
      [O("ایسنا", "ISNA"), O("الجزیره", "Al Jazeera"), E("جرمی کوربین", "Jeremy Corbyn")],
      [("دولت نمی‌تواند سلاح بفرستد", "جرمی کوربین", "Jeremy Corbyn", True)], id="outlet-line"),  # the outlets are not the speaker
    P("دفتر بنیامین نتانیاهو مدعی شد که حماس آتش‌بس را نقض کرده است.",
      [E("بنیامین نتانیاهو", "Benjamin Netanyahu"), O("حماس", "Hamas")],
      [("حماس آتش‌بس را نقض کرده است", "دفتر بنیامین نتانیاهو", "Benjamin Netanyahu", False)], id="office-of"),  # «دفتر X» speaks for X
    P("کایا کالاس مسئول سیاست خارجی اتحادیه اروپا گفته بود که فرصت دیپلماسی از بین نرفته است.",
      [M("مسئول سیاست خارجی اتحادیه اروپا", "title", "Kaja Kallas"), O("اتحادیه اروپا", "European Union")],
      [("فرصت دیپلماسی از بین نرفته است", "کایا کالاس", "Kaja Kallas", False)], id="unknown-name-linked-title"),  # the title apposition names the person
    P("سید عباس عراقچی تصریح کرد: ثبات با همکاری تأمین می‌شود.", [E("عباس عراقچی", ARA)],
      [("ثبات با همکاری تأمین می‌شود", "عباس عراقچی", ARA, True)], id="honorific"),  # «سید» stays outside the name
    P("ایران اعلام کرد که به پیش‌نویس قطعنامه رأی منفی می‌دهد.", [L("ایران", IRN)],
      [("به پیش‌نویس قطعنامه رأی منفی می‌دهد", "ایران", IRN, False)], id="state-speaker"),  # a state speaks
    P("پسکوف گفت: ما حمایت کرده‌ایم.\nوی افزود: روابط ما توسعه می‌یابد.",
      [E("پسکوف", PES)],
      [("ما حمایت کرده‌ایم", "پسکوف", PES, True), ("روابط ما توسعه می‌یابد", "وی", PES, True)], id="vey-carry"),  # «وی» takes the previous speaker
    P("شهباز شریف گفت که اسلام‌آباد کنار تهران است.\nاو همچنین گفت: مرز باید مرز صلح باشد.",
      [E("شهباز شریف", "Shehbaz Sharif")],
      [("اسلام‌آباد کنار تهران است", "شهباز شریف", "Shehbaz Sharif", False),
       ("مرز باید مرز صلح باشد", "او", "Shehbaz Sharif", True)], id="u-carry"),  # «او» with an adverbial after it
    P("پسکوف گفت: ما حمایت کرده‌ایم.\nلاوروف روز سه‌شنبه با عراقچی دیدار کرد.\nوی افزود: روابط توسعه می‌یابد.",
      [E("پسکوف", PES), E("لاوروف", LAV), E("عراقچی", ARA), M("وی", "pronoun", LAV)],
      [("ما حمایت کرده‌ایم", "پسکوف", PES, True), ("روابط توسعه می‌یابد", "وی", LAV, True)],
      id="vey-linker-after-gap"),  # a sentence with a new subject in between: trust the linker's «وی»
    P("وی افزود: روابط توسعه می‌یابد.", [],
      [("روابط توسعه می‌یابد", "وی", None, True)], id="vey-unresolved"),  # nobody to refer to: unlinked pronoun
    P("بقائی گفت: ایران موشکی تحویل نداده است.\nسخنگوی دستگاه دیپلماسی کشورمان افزود که ایران حق پاسخ دارد.",
      [E("بقائی", BAG), L("ایران", IRN), L("ایران", IRN)],
      [("ایران موشکی تحویل نداده است", "بقائی", BAG, True),
       ("ایران حق پاسخ دارد", "سخنگوی دستگاه دیپلماسی کشورمان", BAG, False)], id="title-adds"),  # an unresolved title that «adds» continues
    P("بقائی گفت: ایران موشکی تحویل نداده است.\nسخنگوی دولت گفت که نشست لغو شد.",
      [E("بقائی", BAG), L("ایران", IRN)],
      [("ایران موشکی تحویل نداده است", "بقائی", BAG, True),
       ("نشست لغو شد", "سخنگوی دولت", None, False)], id="title-says-new"),  # «گفت» by another title is someone new
    P("لاوروف گفت: صبر می‌کنیم.\nهمچنین افزود: تصمیم عجولانه نمی‌گیریم.", [E("لاوروف", LAV)],
      [("صبر می‌کنیم", "لاوروف", LAV, True), ("تصمیم عجولانه نمی‌گیریم", None, LAV, True)], id="zero-subject"),  # no subject: carried over
    P("یک منبع آگاه گفت: مذاکرات به بن‌بست رسیده است.", [],
      [("مذاکرات به بن‌بست رسیده است", "یک منبع آگاه", None, True)], id="anonymous"),  # anonymous source: unlinked span
    P("اسحاق دار برقراری آتش‌بس را تأیید کرد و گفت: پاکستان برای صلح تلاش کرده است.", [E("اسحاق دار", "Ishaq Dar")],
      [("پاکستان برای صلح تلاش کرده است", "اسحاق دار", "Ishaq Dar", True)], id="coordinated-verbs"),  # «تأیید کرد و» has no complement
    P("لاوروف گفت: صبر می‌کنیم.\nاین مقام روس افزود: تصمیم عجولانه نمی‌گیریم.", [E("لاوروف", LAV)],
      [("صبر می‌کنیم", "لاوروف", LAV, True), ("تصمیم عجولانه نمی‌گیریم", "این مقام روس", LAV, True)],
      id="anaphor-carry"),  # «این مقام …» right after a quote is its speaker
    P("پادشاه بحرین گفت: همکاری ادامه دارد.\nاین روزنامه آمریکایی نوشت: مذاکرات محرمانه بود.",
      [M("پادشاه بحرین", "title", "Hamad bin Isa Al Khalifa")],
      [("همکاری ادامه دارد", "پادشاه بحرین", "Hamad bin Isa Al Khalifa", True),
       ("مذاکرات محرمانه بود", "این روزنامه آمریکایی", None, True)], id="anaphor-kind-mismatch"),  # a newspaper is not the king
    P("به گزارش فارس از ایلام؛ رضا همتی رئیس پلیس راه استان ایلام اظهار کرد: جاده‌ها باز است.",
      [L("ایلام", "Ilam Province"), L("استان ایلام", "Ilam Province")],
      [("جاده‌ها باز است", "رضا همتی رئیس پلیس راه استان ایلام", None, True)], id="outlet-semicolon"),  # «؛» closes the outlet line
    P("«جان گارور» در گفت‌وگو با خبرنگار خبرگزاری فارس گفت: احتمال درگیری زیاد نیست.",
      [E("جان گارور", "John Garver"), O("خبرگزاری فارس", "Fars News Agency")],
      [("احتمال درگیری زیاد نیست", "جان گارور", "John Garver", True)], id="name-in-guillemets"),  # a quoted name is the subject
    P("«جان گارور» در گفت‌وگو با خبرنگار خبرگزاری فارس گفت: احتمال درگیری زیاد نیست.",
      [O("خبرگزاری فارس", "Fars News Agency")],
      [("احتمال درگیری زیاد نیست", "«جان گارور»", None, True)], id="name-in-guillemets-unknown"),  # the outlet addressed is not the speaker
    P("به گزارش فارس جرج بوش در سخنان خود بدون ارائه مدرکی، ایران را متهم کرد و مدعی شد: ایران سلاح می‌فرستد.",
      [O("فارس", "Fars News Agency"), E("جرج بوش", "George W. Bush"), L("ایران", IRN)],
      [("ایران سلاح می‌فرستد", "جرج بوش", "George W. Bush", True)], id="outlet-without-comma"),  # the comma closes a clause, not the outlet line
    P("«نوتاووت سایکوا»، معاون سخنگوی دولت تایلند گفت: معترضان تلویزیون را تصرف کردند.", [L("تایلند", "Thailand")],
      [("معترضان تلویزیون را تصرف کردند", "«نوتاووت سایکوا»", None, True)], id="quoted-name-comma-title"),  # «name»، title: the name speaks
    P("عراقچی با همتای عمانی خود دیدار کرد. افزود: گفت‌وگوها ادامه دارد.", [E("عراقچی", ARA)],
      [("گفت‌وگوها ادامه دارد", "عراقچی", ARA, True)], id="zero-subject-previous-sentence"),  # the previous sentence's subject
    P("بقائی در پاسخ به این پرسش که آیا سفر لغو شده است؟ گفت: خیر، سفر طبق برنامه انجام می‌شود.", [E("بقائی", BAG)],
      [("خیر، سفر طبق برنامه انجام می‌شود", "بقائی", BAG, True)], id="question-split"),  # a «؟» inside the adverbial ends a sentence
    P("این در حالی است که روسیه اعلام کرده است که از توافق حمایت می‌کند.", [L("روسیه", RUS)],
      [("از توافق حمایت می‌کند", "روسیه", RUS, False)], id="discourse-opener"),  # «این در حالی است که» is not the subject
    P("این راهپیمایی بزرگ‌ترین تجمع سال بوده است، به گفته برگزارکنندگان.", [],
      [("این راهپیمایی بزرگ‌ترین تجمع سال بوده است", "برگزارکنندگان", None, False)], id="marker-after-content"),  # source named last
    P("پسکوف خاطر نشان کرد: تماس‌ها ادامه خواهد یافت.", [E("پسکوف", PES)],
      [("تماس‌ها ادامه خواهد یافت", "پسکوف", PES, True)], id="khater-neshan-spaced"),  # compound noun written in two words
    P("پسکوف گفت «ما برای هر گفت‌وگویی آماده‌ایم».", [E("پسکوف", PES)],
      [("ما برای هر گفت‌وگویی آماده‌ایم", "پسکوف", PES, True)], id="guillemets-without-colon"),  # «» right after the cue
    P("پسکوف گفت که «ما برای هر گفت‌وگویی آماده‌ایم».", [E("پسکوف", PES)],
      [("ما برای هر گفت‌وگویی آماده‌ایم", "پسکوف", PES, True)], id="ke-whole-quotation"),  # a «که» complement that is one quotation is direct
    P("«ما آماده‌ایم»، پسکوف گفت.", [E("پسکوف", PES)],
      [("ما آماده‌ایم", "پسکوف", PES, True)], id="quote-first"),  # the quotation opens the sentence, the cue ends it
    P("«ما آماده‌ایم»، پسکوف در پاسخ به خبرنگاران گفت.", [E("پسکوف", PES)],
      [("ما آماده‌ایم", "پسکوف", PES, True)], id="quote-first-adverbial"),  # the subject is found after the quotation
    # -- partial quotations in «» ------------------------------------------
    P("بقائی تحریم‌ها را «غیرقانونی و ظالمانه» خواند.", [E("بقائی", BAG)],
      [("غیرقانونی و ظالمانه", "بقائی", BAG, True)], id="khand"),  # «…» + خواند is a direct partial quote
    P("گروسی این توافق را «گامی در مسیر درست» توصیف کرد.", [E("گروسی", "Rafael Grossi")],
      [("گامی در مسیر درست", "گروسی", "Rafael Grossi", True)], id="tosif"),  # «…» + توصیف کرد
    P("بقائی این اقدام را «نقض آشکار حقوق بین‌الملل» دانست.", [E("بقائی", BAG)],
      [("نقض آشکار حقوق بین‌الملل", "بقائی", BAG, True)], id="danest"),  # «…» + دانست
    P("بقائی این حمله را «نقض آشکار» خواند و گفت: جامعه جهانی باید اقدام کند.", [E("بقائی", BAG)],
      [("نقض آشکار", "بقائی", BAG, True), ("جامعه جهانی باید اقدام کند", "بقائی", BAG, True)], id="khand-and-goft"),  # two cues, one subject
    # -- not quotes ---------------------------------------------------------
    P("پوتین و حمد در این گفت و گوی تلفنی درباره خاورمیانه گفت و گو کردند.", [E("پوتین", PUT), E("حمد", "Hamad bin Isa Al Khalifa")],
      [], id="not-goftogu"),  # «گفت و گو» is a conversation, not «said»
    P("گوترش از طرفین خواست به آتش‌بس پایبند بمانند.", [E("گوترش", "Antonio Guterres")],
      [], id="not-request"),  # a directive is a REQUEST event
    P("معترضان خواستار توقف صادرات سلاح شدند.", [],
      [], id="not-khastar"),  # «خواستار شد» is a request
    P("پادشاه بحرین بر اراده منامه برای توسعه همکاری‌ها تأکید کرد.", [L("منامه", "Manama")],
      [], id="not-pp-complement"),  # «بر …» object, no clause: not reported speech
    P("به گزارش ایسنا به نقل از الجزیره، هزاران نفر در لندن تظاهرات کردند.", [O("ایسنا", "ISNA"), O("الجزیره", "Al Jazeera")],
      [], id="not-outlet-line"),  # crediting the outlet is not a quotation
    P("وزارت خارجه قطر آن را تهدیدی جدی برای ثبات منطقه خواند.", [O("وزارت خارجه قطر", "Qatari Foreign Ministry")],
      [], id="not-khand-without-guillemets"),  # «خواند» without «» is a label, not a quote
    P("ارتش به عملیات خود در جنوب ادامه داد.", [],
      [], id="not-edame-dad"),  # «ادامه داد» without a colon is «continued»
    P("از نظر اقتصادی، این توافق برای دو کشور سودمند است.", [],
      [], id="not-az-nazar-adjective"),  # «از نظر» needs a speaker
    P("گفته‌های وی در رسانه‌ها بازتاب گسترده داشت.", [],
      [], id="not-gofteha"),  # «گفته‌های» is a noun
    P("عراقچی برنامه سفر خود را اعلام کرد.", [E("عراقچی", ARA)],
      [], id="not-elam-object"),  # sentence-final «اعلام کرد» with an object only
    P("در این آیات گفت و شنودها میان فرشتگان آمده است.", [],
      [], id="not-goft-o-shonud"),  # «گفت و شنود» is a dialogue
    P("پوتین گفت: ترامپ اعلام کرد که دیدار لغو شده است.", [E("پوتین", PUT), E("ترامپ", "Donald Trump")],
      [("ترامپ اعلام کرد که دیدار لغو شده است", "پوتین", PUT, True)], id="nested-cue-ignored"),  # a cue inside a quote is not another quote
]


def _observed(doc_text: str, quotes: tuple[Quote, ...]) -> list[tuple[str, str | None, str | None, bool]]:
    out = []
    for q in quotes:
        sp = q.speaker
        text = doc_text[sp.start : sp.end] if sp is not None and sp.start is not None and sp.end is not None else None
        name = sp.link.name if sp is not None and sp.link is not None else None
        out.append((doc_text[q.start : q.end], text, name, q.direct))
    return out


@pytest.mark.parametrize(("text", "layers", "expected"), ROWS)
def test_quotes_table(text: str, layers: list, expected: list) -> None:
    doc = QuoteExtractor()(build(text, layers))
    assert _observed(doc.text, doc.quotes) == expected


def test_quotes_table_is_large_enough() -> None:
    # the brief asks for at least 60 sentences covering every cue and pattern
    assert len(ROWS) >= 60


def test_quotes_runs_without_entities_or_mentions() -> None:
    doc = QuoteExtractor()(build("وزیر امور خارجه روسیه گفت: آتش‌بس شکننده است."))
    assert [(doc.text[q.start : q.end], q.speaker and q.speaker.link) for q in doc.quotes] == [
        ("آتش‌بس شکننده است", None)
    ]
    sp = doc.quotes[0].speaker
    assert sp is not None and sp.start is not None and sp.end is not None
    assert doc.text[sp.start : sp.end] == "وزیر امور خارجه روسیه"


def test_quotes_cue_span_and_lemma() -> None:
    doc = QuoteExtractor()(build("پوتین تأکید کرده است که حملات غیرقانونی است.", [E("پوتین", PUT)]))
    (q,) = doc.quotes
    assert doc.text[q.cue.start : q.cue.end] == "تأکید کرده است"
    assert q.cue.lemma == "تأکید کرد"
    assert q.speaker is not None and q.speaker.entity == "E1"


def test_quotes_component_contract() -> None:
    assert QuoteExtractor.name == "quotes"
    assert QuoteExtractor.requires == ("text", "sentences", "tokens", "entities", "mentions")
    assert QuoteExtractor.provides == ("quotes",)
    doc = build("لاوروف گفت: بله.", [E("لاوروف", LAV)])
    out = QuoteExtractor()(doc)
    assert "quotes" in out.done and doc.quotes == ()  # a new document; the input is untouched


def _damaged(layers: list, f: Callable[[str], str]) -> list:
    return [replace(lay, surface=f(lay.surface)) for lay in layers]


DAMAGE: dict[str, Callable[[str], str]] = {
    "stripped": lambda s: s.replace("\u200c", ""),  # a crawler dropped every ZWNJ
    "spaced": lambda s: s.replace("\u200c", " "),  # or typed them as spaces
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize(("text", "layers", "expected"), ROWS)
def test_quotes_table_zwnj_damaged(text: str, layers: list, expected: list, damage: str) -> None:
    # the same sentences after ZWNJ damage, with no normalizer to repair them
    f = DAMAGE[damage]
    doc = QuoteExtractor()(build(f(text), _damaged(layers, f)))
    want = [(f(c), None if s is None else f(s), a, d) for c, s, a, d in expected]
    assert _observed(doc.text, doc.quotes) == want
