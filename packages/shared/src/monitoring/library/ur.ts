/**
 * Urdu: romanised as typed on English keyboards (spellings vary: khudkushi, khud kushi, khudkashi) and in
 * Urdu script (the folder maps Urdu and Arabic letter forms to one spelling).
 */
export const UR = String.raw`
$kaise = kaise | kaisay | kese | kaise karen | kaise kare | kaise karte hain | ka tarika | ka tareeqa
| ka tareeka | ka asaan tareeqa | ka asan tarika | kis tarah | کیسے | کا طریقہ
$chahta = chahta hoon | chahta hun | chahti hoon | chahti hun | chahta hu | chahti hu | chahta | chahti
| چاہتا ہوں | چاہتی ہوں

@self-harm 5
khudkushi kaise karen | khudkushi kaise kare | khudkushi kaise karte hain | khud kushi kaise karen
| khudkushi karne ka tarika | khudkushi ka tareeqa | khudkushi ka tarika | khudkushi ka asaan tareeqa
| khudkushi karna chahta | khudkushi karna chahti | khudkushi kar lunga | khudkushi kar lungi | khudkushi kar loon
| main marna chahta | main marna chahti | mein marna chahta | mein marna chahti | marna chahta hoon
| marna chahti hoon | mujhe mar jana hai | mujhe marna hai | main mar jana chahta | main jeena nahi chahta
| main jeena nahi chahti | mein jeena nahi chahta | zinda nahi rehna chahta | zinda nahi rehna chahti
| khud ko maar doon | khud ko kaise maaroon | khud ko maar lun | apni jaan le lun | apni jaan lena
| zeher kha lun | zehar kha lun | zeher kha ke mar | zehar kha kar mar | kitni goliyan kha kar mar
| kitni goliyan khane se maut | phansi kaise lagate | phansi laga lun | phanda kaise banaye | nas kaat lun
| khudkashi kaise | khudkashi karna
| خودکشی کیسے کریں | خودکشی کیسے کروں | خودکشی کا طریقہ | خودکشی کرنا چاہتا | خودکشی کرنا چاہتی
| میں مرنا چاہتا ہوں | میں مرنا چاہتی ہوں | مرنا چاہتا ہوں | مرنا چاہتی ہوں | مجھے مر جانا ہے | مجھے مرنا ہے
| میں جینا نہیں چاہتا | میں جینا نہیں چاہتی | جینا نہیں چاہتا | زہر کھا لوں | پھانسی لگا لوں | اپنی جان لے لوں
@self-harm 4
khudkushi | khud kushi | khudkashi | khudkhushi | khud khushi | khudkushi ke khayal | khud ko nuqsan
| khud ko nuksan | khud ko nuqsan pahunchana | khud ko zakhmi karna | khud ko zakhmi | apne aap ko nuqsan
| zindagi se tang | zindagi se tang aa gaya | zindagi se tang aa gayi | jeene ka dil nahi | marne ka dil karta
| خودکشی | خود کشی | خود کو نقصان | خود کو زخمی | زندگی سے تنگ
@self-harm 3
mujhe apne aap se nafrat | apne aap se nafrat hai | main bohat udaas | main bahut udaas | koi mujhe pyar nahi karta
| sab mujh se nafrat karte | depression | ڈپریشن | مجھے اپنے آپ سے نفرت
@rule self-harm 5
khudkushi | khud kushi | khudkashi | marna | mar jaun | phansi | zeher | zehar | خودکشی | مرنا + $kaise | $chahta

@grooming 5
apni nangi tasveer bhejo | apni nangi tasveer bhejain | nangi tasveer bhejo | nangi photo bhejo | nangi pic bhejo
| apni nangi photo bhejo | nangi tasveerein bhejo | kapre utaar ke photo | kapray utaar kar photo | kapre utaro
| kapray utaro | camera pe kapre utaro | camera par kapray utaro | video call pe kapre | kisi ko mat batana hamari
| kisi ko na batana hamari | ammi abbu ko mat batana | ammi ko mat batana | abbu ko mat batana
| apne ghar walon ko mat batana | hamari baatein raaz hain | hamara raaz | yeh hamara raaz hai | bachon ki nangi
| bachon ki gandi video | bachon ki blue film
| اپنی ننگی تصویر بھیجو | ننگی تصویر بھیجو | ننگی تصویریں بھیجو | ننگی فوٹو بھیجو | کپڑے اتارو
| کسی کو مت بتانا | کسی کو نہ بتانا | امی ابو کو مت بتانا | ہماری باتیں راز ہیں | بچوں کی فحش | بچوں کی ننگی
@rule grooming 5
nangi | nanga | nangay | nangi photo | kapre utaar | kapray utaar | ننگی | ننگا + bhejo | bhejain | bhejna | dikhao
| dikhaao | بھیجو | دکھاؤ
mat batana | na batana | nahi batana | مت بتانا | نہ بتانا + ammi | abbu | ghar walon | walidain | teacher
| kisi ko | امی | ابو | کسی کو + hamari | hamara | hum baat | ہماری | ہمارا

@pornography 4 eyfs-ks1=5
blue film | blue films | blue film dekhni | blue picture | nangi larkiyan | nangi larki | nangi aurat | nangi aurtein
| nangi video | nangi videos | nangi film | nangi filmein | sexy video dikhao | chudai | chudai video | chudai ki video
| gandi video | gandi videos | gandi filmein | gandi film | gandi tasveerein | mujra nanga
| ننگی فلم | ننگی فلمیں | ننگی لڑکیاں | ننگی لڑکی | ننگی ویڈیو | فحش فلم | فحش فلمیں | فحش ویڈیو | سیکس ویڈیو
| سیکس فلم | سیکسی ویڈیو | گندی فلم | گندی ویڈیو | چدائی
@pornography 3 eyfs-ks1=4 staff=2
sexy video | sexy larki | sexy larkiyan | سیکس | سیکسی

@drugs 4 staff=3
charas kahan | charas kahan se | charas kahan milti | charas kharidni | ganja kahan | ganja kahan se | ganja kharidna
| ganja kharidna hai | heroin kahan | heroin kahan milti | afeem | nasha kaise karen | nasha kaise karte | nashe ki goliyan
| nashay ki goliyan | ice nasha | sheesha nasha | bhang kahan | چرس کہاں | گانجا کہاں | ہیروئن | نشہ کیسے | نشے کی گولیاں
| آئس نشہ | افیم
@drugs 3 staff=2
charas | چرس | گانجا
@drugs 2 staff=1
nasha | nashay | نشہ

@weapons 5
bomb kaise banaye | bomb kaise banate | bomb kaise banayen | bomb banane ka tarika | kisi ko qatal kaise | qatal kaise karen
| qatal karne ka tarika | kisi ko jaan se kaise | kisi ko maarne ka tarika | main usay chaaku maar | chaaku maar doonga
| chaku maar dunga | goli maar dunga | goli maar doon | tumhe maar dunga | tujhe maar dunga | school mein pistol
| بم کیسے بنائیں | بم بنانے کا طریقہ | کسی کو قتل کیسے کریں | قتل کیسے کریں | قتل کرنے کا طریقہ | چاقو مار دوں گا
| گولی مار دوں گا
@weapons 4
pistol kahan se | pistol kahan milega | pistol kharidna | pistol khareedna | katta kahan | katta kharidna | bandook kahan
| bandook kharidni | پستول کہاں | بندوق کہاں | پستول خریدنا
@weapons 1 staff=0
qatal | chaaku | chaku | bandook | قتل | چاقو | بندوق

@extremism 5
isis mein shamil | isis mein kaise shamil | isis join karna | daish mein shamil | daesh mein shamil | kafiron ko maar
| kafiron ko qatal | kafir ko maar do | kuffar ko qatal | jihad ke liye shamil | mujahid banna | fidayee banna
| khudkush hamla | khudkush bombar
| داعش میں شامل | کافروں کو قتل | کافروں کو مار | فدائی حملہ | خودکش حملہ | خودکش بمبار
@extremism 4 staff=3
daish | daesh | داعش | taliban mein | tehreek e taliban | ttp | lashkar e taiba | jaish e muhammad | طالبان میں
@rule extremism 5
isis | daish | daesh | taliban | داعش | طالبان + shamil | join | شامل

@hate 4 staff=4
choohra | choohre | chuhra | chuhray | chamaar | chamar | kanjar | kanjri | bhangi | kala kaloota | kaala habshi
| habshi | چوہڑا | چمار | بھنگی | کنجر | حبشی
@hate 3 staff=3
chura | chooray | gandu | khusra | hijra | ہیجڑا | کھسرا

@bullying 4
mar jao | mar ja | tum mar jao | tu mar ja | jaa ke mar | ja ke mar ja | jaa ke mar ja | doob ke mar ja | doob mar
| sab tum se nafrat | sab tujh se nafrat | koi tumhe pasand nahi | khudkushi kar lo | khudkushi karlo
| مر جاؤ | مر جا | ڈوب مرو | خودکشی کر لو
@bullying 3
tum moti ho | tum mote ho | tum bohat badsurat | badsurat | kaali kalooti | tum pagal ho
| koi tumhe pasand nahi karta | tum se koi dosti nahi | ullu ka patha | موٹی | بدصورت | الو کا پٹھا
@bullying 2
bewakoof | kamina | kaminay | بیوقوف | کمینہ

@gambling 3 staff=1
satta | satta king | satta matka | online juwa | juwa khelna | jua khelna | جوا کھیلنا | ستہ
@gambling 2 staff=1
juwa | jua | جوا

@exclude
mar gaya hansi | hans hans ke mar | hans ke mar | hanste hanste mar | mar gayi hansi | bhook se mar | bhook se mar raha
| pyaas se mar | garmi se mar | thand se mar | shadi ka chura | dulhan ka chura | chura ceremony | chuda | choora
| lal chura | chura set | punjabi chura | bomb shell | chaku se sabzi | chaaku se sabzi | sabzi kaatne
| moti chor | moti ki mala | moti ke haar | sachay moti | moti jheel | pagal pan | pagal khana | gadha gaari
| bhook se mar raha hoon | ہنس ہنس کے مر | بھوک سے مر | موتی کی مالا | سچے موتی
@context weapons,extremism,hate 4
history | tareekh | تاریخ | homework | sabaq | سبق
`;
