/** Romanian: with and without diacritics (ă â î ș ț fold to a a i s t). */
export const RO = String.raw`
$cum = cum să | cum sa | cum se | cum pot să | cum pot sa | cea mai bună metodă să | cel mai ușor mod să
| cea mai usoara metoda sa | metode să | metode sa | unde | de unde | de unde pot
$vreau = vreau să | vreau sa | o să | o sa | am de gând să | am de gand sa | mă gândesc să | ma gandesc sa

@self-harm 5
cum să mă sinucid | cum sa ma sinucid | vreau să mă sinucid | vreau sa ma sinucid | mă sinucid | ma sinucid
| o să mă sinucid | o sa ma sinucid | vreau să mor | vreau sa mor | vreau sa mor acum | aș vrea să mor
| as vrea sa mor | nu mai vreau să trăiesc | nu mai vreau sa traiesc | nu mai vreau să fiu în viață
| cum să mă omor | cum sa ma omor | mă omor | ma omor | o să mă omor | metode de sinucidere | metoda de sinucidere
| cea mai ușoară metodă de sinucidere | cea mai usoara metoda de sinucidere | sinucidere fără durere
| moarte fără durere | cum să mă spânzur | cum sa ma spanzur | mă spânzur | câte pastile ca să mor
| cate pastile ca sa mor | câte pastile să iau să mor | supradoză de pastile | supradoza | cum să îmi tai venele
| cum sa imi tai venele | îmi tai venele | imi tai venele | scrisoare de adio | bilet de adio | mă arunc de pe bloc
| ma arunc de pe bloc | mă arunc în fața trenului | toți ar fi mai fericiți fără mine
@self-harm 4
sinucidere | sinuciderea | sinucigaș | sinucigas | sinucigașă | gânduri de sinucidere | ganduri de sinucidere
| gânduri sinucigașe | ganduri sinucigase | autovătămare | autovatamare | automutilare | mă tai | ma tai
| mă tai pe mână | ma tai pe mana | mă tai pe brațe | tăieturi pe mână | cum să ascund tăieturile
| cum sa ascund taieturile | cicatrici de la tăieturi | cum să nu mai mănânc | cum sa nu mai mananc
| cum să slăbesc fără să mănânc | anorexie sfaturi
@self-harm 3
mă urăsc | ma urasc | urăsc viața mea | urasc viata mea | nimeni nu mă iubește | nimeni nu ma iubeste
| toți mă urăsc | toti ma urasc | nu valorez nimic | sunt un nimeni | depresie | sunt deprimat | sunt deprimată
@rule self-harm 5
$cum + mă sinucid | ma sinucid | mă omor | ma omor | mă spânzur | ma spanzur | îmi tai venele
| imi tai venele | să mor | sa mor | supradoză | supradoza

@grooming 5
trimite-mi poze nud | trimite mi poze nud | trimite-mi poze goală | trimite mi poze goala | trimite-mi poze goale
| trimite nuduri | trimite-mi nuduri | trimite mi nuduri | poze nud | arată-mi corpul | arata-mi corpul
| arata mi corpul | arată-mi corpul pe cameră | dezbracă-te | dezbraca-te | dezbraca te | dezbracă-te pe cameră
| nu le spune părinților | nu le spune parintilor | nu spune părinților | nu spune parintilor | nu-i spune mamei
| nu spune nimănui despre noi | nu spune nimanui despre noi | e secretul nostru | secretul nostru
| șterge mesajele noastre | sterge mesajele noastre | îți dau robux | iti dau robux | pornografie infantilă
| pornografie infantila | copii goi | mă șantajează cu pozele | ma santajeaza cu pozele | mă șantajează cu poze
| șantaj cu poze | santaj cu poze
@grooming 4
un bărbat mai mare vrea să ne întâlnim | un barbat mai mare vrea sa ne intalnim | vrea să ne întâlnim singuri
| vrea sa ne intalnim singuri | hai să ne întâlnim singuri | un străin îmi scrie | un strain imi scrie
@rule grooming 5
trimite | trimite-mi | trimite mi | arată-mi | arata-mi | arata mi | fă-ți | fa-ti + goală | goala | goale | gol
| goi | nud | nuduri | dezbrăcată | dezbracata | fără haine | fara haine | în chiloți | in chiloti | sânii | sanii
nu le spune | nu spune | nu-i spune + părinților | parintilor | mamei | tatălui | tatalui | profesoarei | nimănui
| nimanui + despre noi | despre mesaje | despre conversații | că vorbim | ca vorbim

@pornography 4 eyfs-ks1=5
filme porno | film porno | filme porno gratis | porno gratis | porno | pornografie | filme xxx | film xxx
| femei goale | fete goale | femei dezbrăcate | femei dezbracate | fete dezbrăcate | poze cu femei goale | sex gratis
| filme cu sex | filme sex | film sex | țâțe mari | tate mari | poze cu țâțe | pizdă | pizda | futai
| futut | muie | sex pe cameră
@pornography 3 eyfs-ks1=4 staff=2
pulă | pula | sex | fete sexy | femei sexy | sexy | sexi
@rule pornography 4
filme | film | poze | video | gratis + sex | porno | goale | goi | dezbrăcate | dezbracate

@drugs 5 staff=4
cum să vând droguri | cum sa vand droguri | vând droguri | vand droguri | dealer de droguri
@drugs 4 staff=3
de unde cumpăr iarbă | de unde cumpar iarba | unde găsesc iarbă | unde gasesc iarba | iarbă de fumat | iarba de fumat
| cumpăr iarbă | cumpar iarba | cumpăr droguri | cumpar droguri | droguri ieftine | de unde cumpăr droguri
| cocaină | cocaina | heroină | heroina | ketamină | ketamina | metamfetamină | etnobotanice
| etnobotanice de unde | cum se face un joint | cum se rulează un joint | joint cu iarbă | cum să mă droghez
| cum sa ma droghez | să mă droghez | cum să mă îmbăt repede | cum sa ma imbat repede | cum să mă îmbăt
| să mă îmbăt | ciuperci halucinogene | marijuana de vânzare
@drugs 3 staff=2
droguri | drog | canabis | cannabis | iarbă | iarba | țigară electronică | tigara electronica
| vape | cum să ascund vape
@rule drugs 4
$cum + cumpăr | cumpar | găsesc | gasesc | fac | fumez + iarbă | iarba | droguri | cocaină | cocaina | joint

@weapons 5
cum să fac o bombă | cum sa fac o bomba | cum se face o bombă | cum se face o bomba | bombă artizanală
| cum să omor pe cineva | cum sa omor pe cineva | cum să ucid pe cineva | cum sa ucid pe cineva | cum să ucid un om
| cum sa ucid un om | cum să omor un om | o să te omor mâine la școală | te omor mâine la școală
| o să te înjunghii | o sa te injunghii | te înjunghii | te injunghii | îl înjunghii | il injunghii | aduc un cuțit la școală | aduc un cutit la scoala | cum să otrăvesc pe cineva | cum sa otravesc pe cineva
@weapons 4
te omor | o să te omor | o sa te omor | îl omor | il omor | cumpăr pistol | cumpar pistol | cumpăr armă | cumpar arma | pistol de vânzare | cuțit fluture | cutit fluture
| box de metal | pumnal | macetă | maceta | filme cu execuții | filme cu executii | bătăi la școală | bataie la scoala
| tata mă bate | tata ma bate | mama mă bate | mama ma bate | părinții mă bat | parintii ma bat
@weapons 1 staff=0
armă | arma | cuțit | cutit | bombă | bomba | omor | ucid
@rule weapons 5
$cum + fac | construiesc + bombă | bomba | armă | arma | exploziv
$cum + omor | ucid | otrăvesc | otravesc | înjunghii | injunghii + pe cineva | un om | profesorul | profesoara
| colegul | fratele | sora

@extremism 5
cum să mă alătur isis | cum sa ma alatur isis | alătură-te isis | alatura-te isis | alătură-te statului islamic
| alatura-te statului islamic | să mă alătur statului islamic | omorâți toți musulmanii | omorati toti musulmanii
| moarte evreilor | moarte tiganilor
@extremism 4 staff=3
statul islamic | putere albă | putere alba | rasa albă | rasa alba | mândrie albă | neonazist | neonaziști
| hitler a avut dreptate | garda de fier | zelea codreanu
@extremism 3 staff=2
legiunea | legionar | legionarii
@rule extremism 5
omorâți | omorati | omoara | omorâm | omoram | ucideți | ucideti | ardeți | ardeti + musulmanii | evreii
| țiganii | tiganii | homosexualii | negrii | imigranții | imigrantii | ungurii

@hate 4 staff=4
cioară împuțită | cioara imputita | ciori împuțite | ciori imputite | cioroi | cioroaică | ciorile | țigan împuțit
| tigan imputit | țigani împuțiți | tigani imputiti | poponar | poponari | poponarule | bulangiu | bulangii
| homalău | homalau | bozgor | bozgori | jidan | jidani | jidancă | jidovi | negrotei | cioroi împuțit
| du-te în țara ta | du-te in tara ta | urăsc țiganii | urasc tiganii | urăsc homosexualii | urăsc negrii
@hate 3 staff=3
țigan | tigan | țigani | tigani | țiganca | tiganca | cioară | ciori | handicapat | retardat | retardată
| mongoloid
@rule hate 4
urăsc | urasc + țiganii | tiganii | negrii | evreii | musulmanii | homosexualii | ungurii | imigranții

@bullying 4
omoară-te | omoara-te | omoara te | du-te și mori | du-te si mori | du-te să mori | mori naibii | sinucide-te
| sinucide te | toți te urăsc | toti te urasc | toată lumea te urăște | toata lumea te uraste | nimeni nu te vrea aici
| te bat după școală | te bat dupa scoala | te prind după școală | mă bat colegii | ma bat colegii
| sunt hărțuit la școală | sunt hartuit la scoala | sunt agresat | sunt agresată | râd de mine la școală
| rad de mine la scoala | mă jignesc colegii | ma jignesc colegii
@bullying 3
ești gras | esti gras | ești grasă | esti grasa | ești urât | esti urat | ești urâtă | esti urata | ești gras și urât
| esti gras si urat | nimeni nu te place | nimeni nu te iubește | nimeni nu te iubeste | ești un ratat | esti un ratat
| ești prost | esti prost | ești proastă | esti proasta | grasule | grasano | urâtule | handicapatule
| ești penibil | esti penibil | ești nimeni | nu ai prieteni
@rule bullying 3
ești | esti + gras | grasă | grasa | urât | urat | urâtă | urata | prost | proastă | proasta | ratat | ratată
| penibil | penibilă | jalnic | scârbos | scarbos | dezgustător

@gambling 3 staff=1
pariuri sportive | pariuri online | cazino online | păcănele | pacanele | păcănele online
| pacanele online | rotiri gratuite | rotiri gratis | bonus fără depunere | bonus fara depunere | ruletă online
| ruleta online | superbet | betano | fortuna pariuri | casa pariurilor | maxbet | netbet
@gambling 2 staff=1
jocuri de noroc | pariuri | cazino | loto | bilet loto | ruletă | ruleta

@exclude
cioara neagră | cioara neagra | cioara este o pasăre | cioara este o pasare | cioara pasăre | cioara pasare
| pasărea cioară | ciori pe câmp | iarbă verde | iarba verde | iarbă pentru iepuri | iarba pentru iepuri
| tunde iarba | tuns iarba | iarba de pe teren | iarbă artificială | iarba artificiala | ceai de iarbă
| tăiați ceapa | taiati ceapa | tai ceapa | tai roșii | tai lemne | tai hârtie | tai hartie | mă tai la deget
| ma tai la deget | pistol de apă | pistol de apa | pistol cu apă | pistol de lipit | cuțit de bucătărie
| cutit de bucatarie | cuțit de pâine | bombă calorică | bomba calorica | bomboane | bomboană | bombonele
| omorul din orient express | crimă pe nil | mor de râs | mor de ras | mor de foame | mor de sete | mor de frig
| mor de plictiseală | mor de plictiseala | mor după tine | mor dupa tine | vreau să mor de râs | vreau sa mor de ras
| mor de căldură | sexul fătului | sexul fatului | sexul copilului | sexul bebelușului | educație sexuală
| educatie sexuala | drogheria | drogherie | joint venture | cazinoul din constanța | cazinoul din constanta
| cazinoul constanța
@context weapons,extremism,hate 4
istorie | istoria | lecție | lectie | temă | tema | al doilea război mondial | al doilea razboi mondial | pentru copii
| wikipedia | minecraft | roblox | fortnite | joc
`;
