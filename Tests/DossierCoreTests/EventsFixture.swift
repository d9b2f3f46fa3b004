// News-style sentences written for the project, with the events the coder must produce (and none other).
// Each expectation is "SOURCE CODE TARGET" over actor codes as the actors stage gives them (country, or
// country + sector): "USA 040 CHN". An empty list means: no event.

enum EventsFixture {
    static let cases: [(text: String, events: [String])] = [
        // 01 statements need a target actor; the content clause is coded on its own
        ("The French president said on Monday that Russia had attacked Ukraine.", ["RUS 190 UKR"]),
        ("Germany told Poland that the border would stay open.", ["DEU 010 POL"]),
        ("Japan expressed concern over China's military buildup.", ["JPN 012 CHN"]),
        // 02 appeal
        ("The United Nations urged Israel to allow aid into Gaza.", ["IGOUNO 020 ISR"]),
        ("Kenya appealed to Ethiopia for calm along the border.", ["KEN 020 ETH"]),
        ("Brazil called on Venezuela to release the detained journalists.", ["BRA 0253 VEN"]),
        // 03 intent
        ("Canada pledged to send medical supplies to Haiti.", ["CAN 0333 HTI"]),
        ("India plans to hold talks with Pakistan next month.", ["IND 036 PAK"]),
        ("Spain promised Morocco closer cooperation on migration.", ["ESP 030 MAR"]),
        // 04 consult
        ("Emmanuel Macron met Olaf Scholz in Berlin on Tuesday.", ["FRAGOV 040 DEUGOV"]),
        ("Turkey and Greece held talks in Ankara.", ["TUR 040 GRC", "GRC 040 TUR"]),
        ("The Chinese foreign minister visited Russia last week.", ["CHNGOV 042 RUS"]),
        ("Egypt hosted Qatar for talks on a ceasefire.", ["EGY 043 QAT"]),
        ("Norway will mediate between Colombia and the rebels.", ["NOR 039 COL"]),
        ("Australia spoke with Indonesia about fishing rights.", ["AUS 040 IDN"]),
        // 05 diplomatic cooperation
        ("Ukraine praised Poland for its support.", ["UKR 051 POL"]),
        ("Mexico signed a trade agreement with Chile on Friday.", ["MEX 057 CHL"]),
        ("Nigeria defended Ghana against the charges.", ["NGA 052 GHA"]),
        // 06 material cooperation
        ("Vietnam will cooperate with Laos on flood control.", ["VNM 031 LAO"]),
        ("Sweden shared intelligence with Finland.", ["SWE 064 FIN"]),
        // 07 aid
        ("The United States gave weapons to Ukraine.", ["USA 072 UKR"]),
        ("Japan provided humanitarian aid to Turkey after the earthquake.", ["JPN 070 TUR"]),
        ("Germany sent food to Sudan.", ["DEU 073 SDN"]),
        // 08 yield
        ("Iran released two British prisoners.", ["IRN 0841 GBR"]),
        ("The European Union lifted sanctions on Belarus.", ["IGOEUREEC 085 BLR"]),
        ("Russia withdrew its troops from Georgia.", ["RUS 087 GEO"]),
        // 09 investigate
        ("Brazil investigated Argentina over the missing shipment.", ["BRA 090 ARG"]),
        // 10 demand
        ("Poland demanded that Belarus stop the flow of migrants.", []),
        // 11 disapprove
        ("China condemned Japan for the visit to the shrine.", ["CHN 111 JPN"]),
        ("Iran accused Israel of sabotage.", ["IRN 112 ISR"]),
        ("Serbia criticized Croatia's new border rules.", ["SRB 111 HRV"]),
        // 12 reject
        ("Venezuela rejected Guyana's proposal.", ["VEN 120 GUY"]),
        ("Syria refused to meet Turkey.", ["SYR 125 TUR"]),
        // 13 threaten
        ("North Korea threatened South Korea with a nuclear strike.", ["PRK 130 KOR"]),
        ("China threatened to impose sanctions on Lithuania.", ["CHN 1312 LTU"]),
        ("Russia warned Finland against joining the alliance.", ["RUS 130 FIN"]),
        // 14 protest
        ("Chinese students protested against Japan in Beijing.", ["CHN 140 JPN"]),
        // 15 force posture
        ("Russia deployed troops near Ukraine.", ["RUS 154 UKR"]),
        // 16 reduce relations
        ("Morocco cut diplomatic ties with Iran.", ["MAR 161 IRN"]),
        ("The United States imposed sanctions on Iran.", ["USA 163 IRN"]),
        ("Lithuania expelled the Russian ambassador.", ["LTU 161 RUS"]),
        // 17 coerce
        ("Iran arrested a British citizen.", ["IRN 173 GBR"]),
        ("Russia detained a US citizen.", ["RUS 173 USA"]),
        // 18 assault
        ("Gunmen kidnapped two Chinese engineers in Nigeria.", []),
        // 19 fight
        ("Israel attacked Lebanon on Sunday.", ["ISR 190 LBN"]),
        ("Azerbaijan and Armenia clashed on the border.", ["AZE 190 ARM", "ARM 190 AZE"]),
        ("Russia invaded Ukraine in February 2022.", ["RUS 192 UKR"]),
        ("Saudi Arabia launched air strikes on Yemen.", ["SAU 195 YEM"]),
        // 20 mass violence
        ("Syria used chemical weapons against Turkey.", ["SYR 204 TUR"]),
        // general news predicates added for issue #9 (PETRARCH conformance): ties, accords, visits, war, fire
        ("Qatar restored diplomatic ties with Egypt.", ["QAT 054 EGY"]),
        ("Saudi Arabia and Iran resumed diplomatic relations in March.", ["SAU 054 IRN", "IRN 054 SAU"]),
        ("Israel signed a defence protocol with Morocco.", ["ISR 057 MAR"]),
        ("The Indian prime minister arrived in Japan on Saturday.", ["INDGOV 042 JPN"]),
        ("Turkey welcomed the restoration of ties with Syria.", ["TUR 051 SYR"]),
        ("Iran vowed to attack Israel.", ["IRN 138 ISR"]),
        ("Russia waged war on Ukraine in 2022.", ["RUS 190 UKR"]),
        ("Russia is about to restore full diplomatic ties with Georgia.", ["RUS 032 GEO"]),
        ("North Korea fired artillery shells at South Korea.", ["PRK 194 KOR"]),
        ("Iran shot down a US drone over the Gulf.", ["IRN 190 USA"]),
        ("Israel cordoned off a Palestinian village.", ["ISR 191 PSE"]),
        ("Japan helped Indonesia after the earthquake.", ["JPN 070 IDN"]),
        ("Indonesia's economic reforms were welcomed by the World Bank.", ["IGOWBK 051 IDN"]),
        ("Kenya signed an accord with Uganda and Tanzania.", ["KEN 057 UGA", "KEN 057 TZA"]),
        ("Greece met with Italy and Spain on Monday.", ["GRC 040 ITA", "GRC 040 ESP"]),
        ("Soldiers from Ethiopia attacked Eritrea.", ["ETH 190 ERI"]),
        ("Russia postponed its meeting with Ukraine.", []),
        // no event: negation, modality, conditions, no actors, self-events
        ("China did not attack Taiwan.", []),
        ("Neither Russia nor China attacked Japan.", []),
        ("Russia could attack Ukraine.", []),
        ("If Iran attacks Israel, the war will spread.", []),
        ("The company met its targets.", []),
        ("France praised France.", []),
    ]
}
