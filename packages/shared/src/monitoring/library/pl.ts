/** Polish: written with and without diacritics (the normaliser folds ą ę ł ó ś ż ź ć ń either way). */
export const PL = String.raw`
$jak = jak | jak się | jak sie | w jaki sposób | sposób na | sposoby na | najlepszy sposób | najlepszy sposob
| najszybszy sposób | najłatwiejszy sposób | gdzie | gdzie kupić | gdzie kupic | co zrobić żeby | jak mogę
$chce = chcę | chce | chciałbym | chciałabym | chcialbym | chcialabym | mam ochotę | zamierzam | zaraz
$zdjecie = zdjęcie | zdjecie | zdjęcia | zdjecia | fotkę | fotke | fotki | foto | nudesy | nudesa | nudy | filmik

@self-harm 5
jak się zabić | jak sie zabic | jak się zabic | zabić się | zabic sie | chcę się zabić | chce sie zabic
| zabiję się | zabije sie | zabije się | chcę umrzeć | chce umrzec | chcę umrzec | chciałbym umrzeć
| chciałabym umrzeć | nie chcę żyć | nie chce zyc | nie chcę już żyć | nie chce juz zyc | nie chcę dłużej żyć
| popełnić samobójstwo | popelnic samobojstwo | jak popełnić samobójstwo | sposoby na samobójstwo
| sposób na samobójstwo | metody samobójstwa | metody samobojstwa | bezbolesna śmierć | bezbolesna smierc
| jak się powiesić | jak sie powiesic | powieszę się | powiesze sie | podciąć żyły | podciac zyly | podetnę sobie żyły
| jak się ciąć | jak sie ciac | jak się pociąć | ile tabletek żeby umrzeć | ile tabletek zeby umrzec
| przedawkować tabletki | jak przedawkować | list pożegnalny | list pozegnalny | chcę zniknąć na zawsze
| wszyscy byliby szczęśliwsi beze mnie | lepiej by było gdybym umarł | lepiej by bylo gdybym umarla
| skoczę z mostu | skocze z mostu | rzucę się pod pociąg | rzuce sie pod pociag
@self-harm 4
samobójstwo | samobojstwo | samobójstwa | samobójca | samobojca | myśli samobójcze | mysli samobojcze
| samookaleczenie | samookaleczanie | samookaleczenia | tnę się | tne sie | cięcie się | ciecie sie | ciąć się
| pocięłam się | pocielam sie | pociąłem się | blizny po cięciu | ukryć blizny | jak ukryć blizny | jak ukryc blizny
| jak przestać jeść | jak przestac jesc | jak nie jeść | głodzić się | glodzic sie | jak schudnąć nie jedząc
| pro ana | motylki anorektyczki | motylki ana
@self-harm 3
nienawidzę siebie | nienawidze siebie | nienawidzę swojego życia | nienawidze swojego zycia
| czuję się bezwartościowy | czuje sie bezwartosciowy | czuję się bezwartościowa | nikt mnie nie kocha
| wszyscy mnie nienawidzą | wszyscy mnie nienawidza | jestem nikim | depresja | mam depresję | mam depresje
@rule self-harm 5
$jak + zabić się | zabic sie | umrzeć | umrzec | powiesić | powiesic | przedawkować | przedawkowac | samobójstwo
| samobojstwo | podciąć żyły

@grooming 5
wyślij mi nagie zdjęcie | wyslij mi nagie zdjecie | wyślij nagie zdjęcie | wyślij nudesy | wyslij nudesy
| wyślij nudy | wyslij nudy | wyślij mi nudesa | wyslij mi nudesa | pokaż mi się nago | pokaz mi sie nago
| pokaż się na kamerce | pokaz sie na kamerce | rozbierz się | rozbierz sie | rozbierz się przed kamerą
| bez ubrania na kamerce | nie mów rodzicom | nie mow rodzicom | nie mów mamie | nie mow mamie | nie mów nikomu o nas
| nie mow nikomu o nas | nie mów nikomu o naszych rozmowach | to nasz sekret | to nasza tajemnica
| usuń nasze wiadomości | usun nasze wiadomosci | dam ci robuxy | dam ci pieniądze za zdjęcie
| pornografia dziecięca | pornografia dziecieca | dziecięce porno | dzieciece porno | nagie dzieci
| szantażuje mnie zdjęciami | szantazuje mnie zdjeciami | szantażuje mnie moimi zdjęciami | szantaż zdjęciami
| starszy pan chce się ze mną spotkać | dorosły chce się ze mną spotkać
@grooming 4
sexting | seksting | nieznajomy pisze do mnie | obcy pisze do mnie | chce się ze mną spotkać
| chce sie ze mna spotkac | spotkajmy się sam na sam | spotkajmy sie sam na sam
@rule grooming 5
wyślij | wyslij | pokaż | pokaz | prześlij | przeslij | daj + nagie | nago | nagą | nagiego | bez ubrania
| nudesy | nudesa | w bieliźnie | w bieliznie | cycki
nie mów | nie mow | nie mówić | nie mowic | nikomu nie mów + rodzicom | mamie | tacie | nauczycielce | nikomu
+ o nas | o naszych | o rozmowach | o tym że piszemy | o spotkaniu
robux | robuxy | robuxów | vbucksy | doładowanie | pieniądze + $zdjecie

@pornography 4 eyfs-ks1=5
porno | pornos | pornosy | darmowe porno | filmy porno | film porno | porno filmy | pornografia | seks filmy
| filmy erotyczne | film erotyczny | nagie kobiety | nagie dziewczyny | nagie laski | gołe baby | gole baby
| gołe laski | gole laski | cycki | duże cycki | duze cycki | cyce | ruchanie | ruchać | ruchac | pieprzenie
| seks kamerki | sex kamerki | seks na kamerce | darmowy seks | filmiki erotyczne | nagie zdjęcia | nagie zdjecia
| sex filmy | sex film | pornhub po polsku
@pornography 3 eyfs-ks1=4 staff=2
seks | seksowne dziewczyny | seksowna | seksowne | seksowny | gorące laski | gorace laski
@rule pornography 4
darmowe | darmowy | filmy | film | zdjęcia | zdjecia + seks | sex | nagie | nago | porno

@drugs 5 staff=4
jak sprzedawać narkotyki | jak sprzedawac narkotyki | sprzedawać narkotyki | diler narkotyków | zostać dilerem
| jak zrobić metamfetaminę | jak zrobic mete
@drugs 4 staff=3
jak kupić marihuanę | jak kupic marihuane | gdzie kupić marihuanę | gdzie kupic marihuane | kupię marihuanę
| gdzie kupić trawkę | gdzie kupic trawke | kupić trawkę | kupic trawke | gdzie kupić zioło | gdzie kupic zielsko
| kupię zioło | kupie zioło | kupie zielsko | dopalacze | dopalacz | kokaina | koka | kokainę | amfetamina | amfa
| fetamina | mefedron | mefa | metamfetamina | ekstazy | tabletki ekstazy | extasy | kwas lsd
| grzybki halucynogenne | jak zrobić skręta | jak zrobic skreta | skręt z marihuany | jak się naćpać
| jak sie nacpac | naćpać się | nacpac sie | jak się upić | jak sie upic | jak się szybko upić | zjarać się
| zjarac sie | jak zjarać | jointa | haszysz | heroina | gdzie kupić narkotyki | kupić narkotyki
@drugs 3 staff=2
marihuany | trawka | zioło | ziolo | zielsko | narkotyki | narkotyk | e-papieros | epapieros | vape
| jak ukryć e-papierosa | jak ukryć vape | e-papieros jak ukryć | e papieros dla nieletnich
@rule drugs 4
$jak + kupić | kupic | zdobyć | zdobyc | zrobić | zrobic + marihuanę | marihuane | trawkę | trawke | narkotyki
| kokainę | kokaine | amfetaminę | amfetamine | dopalacze | zioło | ziolo

@weapons 5
jak zrobić bombę | jak zrobic bombe | jak zbudować bombę | jak zrobić materiały wybuchowe | jak zrobić koktajl mołotowa
| jak zabić człowieka | jak zabic czlowieka | jak kogoś zabić | jak kogos zabic | jak zabić kogoś
| jak zabić kogoś i nie dać się złapać | zabiję cię | zabije cie | zabiję go | zabije go | zabiję ją | zabije ja
| dźgnę go | dzgne go | dźgnę cię | dzgne cie | zadźgam | zadzgam | zastrzelę | zastrzele | strzelanina w szkole
| przyniosę nóż do szkoły | przyniose noz do szkoly | przyniosę broń do szkoły | jak otruć kogoś | jak otruc kogos
@weapons 4
kupić broń | kupic bron | kupię broń | jak kupić pistolet | jak kupic pistolet | pistolet na sprzedaż
| nóż motylkowy | noz motylkowy | motylek nóż | kastet | kastety | maczeta | sprężynowiec | sprezynowiec
| filmy z egzekucji | egzekucja film | filmy z zabijania | bójki w szkole | bojki w szkole | bójki filmy
| ustawka kibole | mój tata mnie bije | moj tata mnie bije | mama mnie bije | ojczym mnie bije | rodzice mnie biją
@weapons 1 staff=0
broń | bron | pistolet | nóż | noz | bomba | zabić | zabic
@rule weapons 5
$jak + zrobić | zrobic | zbudować | zbudowac + bombę | bombe | broń | bron | materiały wybuchowe
$jak + zabić | zabic | otruć | otruc | dźgnąć | dzgnac | zastrzelić | zastrzelic + człowieka | czlowieka | kogoś | kogos
| nauczyciela | nauczycielkę | kolegę | koleżankę | brata | siostrę

@extremism 5
jak dołączyć do isis | jak dolaczyc do isis | dołączyć do isis | dolaczyc do isis | dołącz do państwa islamskiego
| dołączyć do państwa islamskiego | zabić wszystkich muzułmanów | zabic wszystkich muzulmanow | zabić wszystkich żydów
| zabic wszystkich zydow | śmierć żydom | smierc zydom | śmierć uchodźcom | wojna rasowa teraz
@extremism 4 staff=3
biała siła | biala sila | biała rasa | biala rasa | biała duma | państwo islamskie | panstwo islamskie | dżihad
| neonaziści | neonazisci | neonazista | hitler miał rację | hitler mial racje | sieg heil | heil hitler
| swastyka | zakazane symbole nazistowskie
@rule extremism 5
zabić | zabic | zabijać | zabijac | wymordować | wymordowac | gazować | gazowac + muzułmanów | muzulmanow
| żydów | zydow | uchodźców | uchodzcow | czarnych | gejów | gejow | imigrantów | imigrantow | ukraińców

@hate 4 staff=4
czarnuch | czarnuchy | czarnucha | asfalt czarny | murzyn brudny | ciapaty | ciapaci | ciapak | żydek | zydek
| parszywy żyd | parszywy zyd | pedał jebany | pedal jebany | jebany pedał | pedały | pedaly | pedałem | ciota
| cioty | ciotę | ciote | ciotą | pedzio | lesba | lesby | brudny cygan | cygańskie ścierwo | banderowiec
| ukraińskie ścierwo | wracaj do swojego kraju | wypierdalaj do swojego kraju | nienawidzę czarnych
| nienawidze czarnych | nienawidzę gejów | nienawidze gejow | nienawidzę muzułmanów | nienawidzę żydów
@hate 3 staff=3
pedał | pedal | cygan | cyganie | cyganka | murzyn | murzyni | debil | debile | kretyn | upośledzony | upośledzona
| mongoł | downa | pedalski
@rule hate 4
nienawidzę | nienawidze + czarnych | gejów | gejow | żydów | zydow | muzułmanów | muzulmanow | cyganów | ukraińców
| imigrantów | imigrantow

@bullying 4
zabij się | zabij sie | idź się zabij | idz sie zabij | idź się powieś | idz sie powies | powieś się | powies sie
| wszyscy cię nienawidzą | wszyscy cie nienawidza | wszyscy cię nienawidza | nikt by za tobą nie tęsknił
| lepiej żebyś umarł | lepiej zebys umarl | lepiej żebyś umarła | lepiej zebys umarla | zdychaj | zdechnij
| obyś zdechł | obys zdechl | pobiję cię po szkole | pobije cie po szkole | dostaniesz wpierdol | wpierdol po szkole
| spuszczę ci łomot | jestem prześladowany | jestem przesladowany | jestem prześladowana | jestem przesladowana
| dokuczają mi w szkole | dokuczaja mi w szkole | gnębią mnie | gnebia mnie | wyśmiewają mnie | wysmiewaja mnie
@bullying 3
nikt cię nie lubi | nikt cie nie lubi | nikt cię nie kocha | nie masz przyjaciół | nie masz przyjaciol
| jesteś gruby | jestes gruby | jesteś gruba | jestes gruba | jesteś brzydki | jestes brzydki | jesteś brzydka
| jestes brzydka | jesteś gruby i brzydki | jesteś frajerem | jestes frajerem | frajer | frajerka | grubas | grubasie
| spaślak | spaslak | jesteś nikim | jestes nikim | ofiara losu | śmierdzisz | smierdzisz | nieudacznik
@rule bullying 3
jesteś | jestes | ty + gruby | gruba | brzydki | brzydka | głupi | glupi | głupia | glupia | beznadziejny
| beznadziejna | frajer | frajerem | nikim | obrzydliwy | obrzydliwa | żałosny | zalosny | żałosna

@gambling 3 staff=1
kasyno online | kasyna online | kasyno internetowe | zakłady bukmacherskie | zaklady bukmacherskie | bukmacher
| bukmacherzy | obstawianie meczów | obstawianie meczow | darmowe spiny | darmowe spiny bez depozytu
| automaty do gry | automaty online | jednoręki bandyta | ruletka online | jak wygrać w kasynie | fortuna zakłady
| sts zakłady | betclic | superbet | totalbet | lvbet | zakłady sportowe
@gambling 2 staff=1
hazard | kasyno | ruletka | zakłady | zaklady | zdrapki | totolotek

@exclude
zabić czas | zabic czas | zabijać czas | zabić nudę | zabic nude | zabawa w chowanego | pedał gazu | pedal gazu
| pedały rowerowe | pedaly rowerowe | pedał do roweru | pedal do roweru | pedał hamulca | pedał sprzęgła
| pedały do roweru | bomba kaloryczna | bombka | bombki | bombki choinkowe | bomba witaminowa | nóż do chleba
| noz do chleba | nóż kuchenny | noz kuchenny | nóż i widelec | ciąć papier | ciac papier | ciąć nożyczkami
| ciąć płytki | ciac plytki | ciąć drewno | trawa na boisku | koszenie trawy | kosić trawę | zielona trawa
| depresja tropikalna | depresja gospodarcza | wielki kryzys | pistolet na wodę | pistolet na wode
| pistolet do kleju | umrzeć ze śmiechu | umrzec ze smiechu | umieram ze śmiechu | umieram ze smiechu | padłem
| zabójczo przystojny | zabojczo przystojny | kasyno w monako | gole w meczu | gole messiego
| nagie drzewa | nagie gałęzie | nagie ściany | drzewa są nagie | koka cola | koks na zimę | koks opałowy
| strzał na bramkę | strzal na bramke | strzały na bramkę | zastrzyk | kwas foliowy | kwas cytrynowy
| kwas solny | trawa cytrynowa | herbata z ziół | zioła prowansalskie | ziola | zioła na przeziębienie

@context weapons,extremism,hate 4
historia | lekcja historii | druga wojna światowa | druga wojna swiatowa | dla dzieci | zadanie domowe
| wikipedia | minecraft | roblox | fortnite | gra
`;
