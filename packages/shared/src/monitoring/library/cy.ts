/**
 * Welsh: with its mutations (lladd / ladd / nladd; marw / farw) and the English words pupils in Welsh-medium
 * schools mix in. "rhyw" means both "sex" and "some", so it only counts inside phrases.
 */
export const CY = String.raw`
@self-harm 5
sut i ladd fy hun | sut i ladd fy hunan | sut mae lladd fy hun | lladd fy hun | ladd fy hun | lladd fy hunan
| ladd fy hunan | dw i eisiau marw | dwi eisiau marw | dw i isio marw | dwi isio marw | dwi moen marw | dwi am farw
| dw i eisiau lladd fy hun | dwi isio lladd fy hun | dw i ddim eisiau byw | dwi ddim eisiau byw | dwi ddim isio byw
| sa i moyn byw | dwi ddim eisiau bod yn fyw | sut i grogi fy hun | crogi fy hun | faint o dabledi i farw
| faint o dabledi i ladd | sut i farw | nodyn hunanladdiad | mi wna i ladd fy hun
@self-harm 4
hunanladdiad | hunan-laddiad | hunan laddiad | meddyliau hunanladdol | hunanladdol | hunan niweidio | hunan-niweidio
| hunanniweidio | hunan anafu | torri fy hun | dw i'n torri fy hun | dwi'n torri fy hun | llosgi fy hun
@self-harm 3
dw i'n casáu fy hun | dwi'n casau fy hun | dwi'n casáu fy hun | casáu fy mywyd | casau fy mywyd | does neb yn fy ngharu
| mae pawb yn fy nghasáu | mae pawb yn fy nghasau | iselder | dw i'n isel | dwi'n isel

@grooming 5
anfon lluniau noeth | anfona luniau noeth | anfona lun noeth | anfon llun noeth | lluniau noeth ohonot ti
| tynna dy ddillad | tynnu dy ddillad | paid â dweud wrth dy rieni | paid a dweud wrth dy rieni | paid â deud wrth dy fam
| paid a deud wrth dy fam | paid â dweud wrth neb amdanon ni | paid a dweud wrth neb | cyfrinach ni ydy hyn
| ein cyfrinach ni | dileu ein negeseuon
@grooming 4
dyn dieithr yn anfon negeseuon | mae dyn yn anfon negeseuon ataf | eisiau cwrdd â fi ar ben fy hun

@pornography 4 eyfs-ks1=5
lluniau noeth | llun noeth | merched noeth | menywod noeth | dynion noeth | fideos rhyw | fideo rhyw | ffilmiau rhyw
| ffilm rhyw | cael rhyw | pornograffi | bronnau mawr
@pornography 3 eyfs-ks1=4 staff=2
rhywiol | merched rhywiol | secsi

@drugs 4 staff=3
prynu canabis | ble i brynu canabis | lle i brynu canabis | prynu cocên | prynu cocen | prynu cyffuriau | ble i brynu cyffuriau
| sut i gael cyffuriau | gwerthu cyffuriau | sut i feddwi | meddwi yn gyflym | cocên | cocen
@drugs 3 staff=2
cyffuriau anghyfreithlon | canabis | gwair i smocio | fêp | fep

@weapons 5
sut i wneud bom | sut i adeiladu bom | sut i ladd rhywun | sut i lofruddio | lladd rhywun | dw i'n mynd i ladd ti
| dwi'n mynd i dy ladd di | dw i'n mynd i drywanu | dwi'n mynd i drywanu | trywanu fe | trywanu hi | dw i'n mynd i saethu
| dod â chyllell i'r ysgol | dod a chyllell i'r ysgol
@weapons 4
prynu gwn | prynu gynnau | prynu cyllell | cyllell i'w gwerthu | gwn i'w werthu | fideos ymladd | ymladd yn yr ysgol
| mae dad yn fy nharo | mae mam yn fy nharo | mae fy nhad yn fy nharo

@extremism 5
ymuno ag isis | sut i ymuno ag isis | ymuno â'r wladwriaeth islamaidd | lladd pob mwslim | lladd pob iddew
@extremism 4 staff=3
grym gwyn | pŵer gwyn | pwer gwyn

@hate 4 staff=4
cer nôl i dy wlad | cer nol i dy wlad | dos yn ôl i dy wlad | dos yn ol i dy wlad | dw i'n casáu pobl ddu
| dwi'n casau pobl ddu | dw i'n casáu mwslimiaid | dwi'n casau pobl hoyw
@hate 3 staff=3
hoyw bach | ti mor hoyw | ti'n hoyw | sipsi budr

@bullying 4
lladd dy hun | lladd dy hunan | ladd dy hun | ladd dy hunan | cer i ladd dy hun | dos i ladd dy hun | cer i farw
| dos i farw | mae pawb yn dy gasáu | mae pawb yn dy gasau | mae pawb yn dy gasau di | gobeithio byddi di'n marw
| dw i'n cael fy mwlio | dwi'n cael fy mwlio | cael fy mwlio | maen nhw'n fy mwlio
@bullying 3
ti'n dew | ti'n hyll | ti'n dew ac yn hyll | ti mor dew | ti mor hyll | rwyt ti'n hyll | rwyt ti'n dew | does neb yn dy hoffi
| does neb yn dy garu | does gen ti ddim ffrindiau | sgen ti ddim ffrindiau | ti'n dwp | ti mor dwp | ti'n dwpsyn | twpsyn
| collwr | ti'n gollwr

@gambling 3 staff=1
casino ar-lein | casino ar lein | betio ar bêl-droed | betio ar bel droed | betio ar-lein | gamblo ar-lein | gamblo ar lein
@gambling 2 staff=1
gamblo | betio

@exclude
lladd amser | lladd y gwair | lladd gwair | lladd poen | cyffuriau lladd poen | tabledi lladd poen | y môr marw | y mor marw
| rhyw fath o | rhyw fath | rhywun | rhywbeth | rhywle | rhywsut | rhywbryd | rhywfaint | rhyw ddydd | rhyw ddiwrnod
| cyllell a fforc | cyllell fara | cyllell gegin | bom bath | bomiau bath | marw chwerthin | bron marw chwerthin
| wedi marw chwerthin | cyfrinach y castell | paid â phoeni | paid a poeni | ymladd tân | diffoddwr tân | gwn dŵr | gwn dwr
`;
