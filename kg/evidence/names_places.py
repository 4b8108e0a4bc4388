"""Names of countries and of US states: the last words of a supplier's address, ``(Sigma, St. Louis, MO, USA)``.

A methods section names the firm a reagent or an instrument came from by its name and its address in a
parenthesis. The address ends with a country (or, in US papers, a state); that end, not a list of firms,
is what tells the parenthesis is an address. The countries are the English short names of ISO 3166-1
(with the forms papers write: ``USA``, ``UK``, ``The Netherlands``, ``P.R. China``), in their own language
too where papers print them so (``Deutschland``, ``España``); the states are the fifty states and DC by
name and by postal code. These are facts of public record, written out here by hand.
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|
Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|
Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Chad|Chile|China|P.R. China|PR China|
People's Republic of China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|
Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|
France|Gabon|Gambia|Georgia|Germany|Deutschland|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|
Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Italia|Ivory Coast|Jamaica|Japan|Jordan|
Kazakhstan|Kenya|Korea|South Korea|Republic of Korea|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|
Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nepal|Netherlands|The Netherlands|Holland|
New Zealand|Nicaragua|Niger|Nigeria|North Macedonia|Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|
Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Russian Federation|Rwanda|Saudi Arabia|Senegal|Serbia|
Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Sudan|Spain|España|Sri Lanka|Sudan|Suriname|
Sweden|Switzerland|Schweiz|Suisse|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Trinidad and Tobago|Tunisia|
Turkey|Türkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|England|Scotland|Wales|
Northern Ireland|Great Britain|United States|United States of America|USA|U.S.A.|US|U.S.|Uruguay|Uzbekistan|
Venezuela|Vietnam|Viet Nam|Yemen|Zambia|Zimbabwe|Reunion|Réunion|Puerto Rico
"""
_STATES = """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|
Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|
Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|
West Virginia|Wisconsin|Wyoming|District of Columbia|DC|D.C.|
AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|
RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY
"""


def _names(block: str) -> frozenset[str]:
    return frozenset(name.strip() for name in block.replace("\n", "").split("|") if name.strip())


#: Countries as papers write them at the end of an address.
COUNTRIES = _names(_COUNTRIES)
#: US states, by name and by postal code.
US_STATES = _names(_STATES)


def is_address_end(words: str) -> bool:
    """True when ``words`` (one comma-separated part of a parenthesis) is a country or a US state."""
    return " ".join(words.split()).rstrip(".") in COUNTRIES | US_STATES or " ".join(words.split()) in COUNTRIES
