/**
 * English: weapons and violence, extremism and radicalisation (policy 9.4; the Prevent duty), hate and
 * discrimination (policy 9.6). Slurs are listed so they are recognised, never shown to pupils.
 */
export const EN_VIOLENCE = String.raw`
@weapons 5
how to make a bomb | how to build a bomb | how to make bomb | how to make a bom | how to make a bomb at home
| make a bomb at home | homemade bomb | home made bomb | how to make a pipe bomb | pipe bomb | pipe bombs
| nail bomb | pressure cooker bomb | how to make explosives | make explosives at home | homemade explosives
| how to make tatp | tatp | how to make dynamite | how to make c4 | how to make gunpowder at home
| how to make a molotov | molotov cocktail | molotov | how to make napalm | napalm recipe | how to make thermite
| how to make a grenade | car bomb | suicide bomb | suicide vest | suicide bomber | how to make a gun
| how to make a gun at home | homemade gun | home made gun | 3d printed gun | 3d print a gun | ghost gun
| how to get a gun | how to get a gun in the uk | where can i buy a gun | where to buy a gun | buy a gun illegally
| buy guns illegally | how to buy a gun illegally | illegal gun for sale | how to get a gun without a license
| how to kill someone | how to kill somone | how to kil someone | how to kill some one | how to kill a person
| how to kill a human | how to kill someone and get away with it | get away with murder how to
| how to murder someone | how to murder | best way to kill someone | easiest way to kill someone
| kill someone without getting caught | how to kill without getting caught | how to poison someone
| untraceable poison | undetectable poison | poison someone | poison my teacher | poison my mum | poison my dad
| how to stab someone | how to stab | where to stab someone | how to shoot someone | how to strangle someone
| how to choke someone out | how to hurt someone without leaving marks | how to hurt someone badly
| how to break someones neck | how to break someone's bones | how to hide a body | get rid of a body
| dispose of a body | how to dissolve a body | school shooting plan | plan a school shooting | shoot up the school
| shoot up my school | shoot up a school | shooting up the school | how to shoot up a school | school shooter plan
| bring a gun to school | bringing a gun to school | bring a knife to school | bringing a knife to school
| i'm bringing a knife to school | im bringing a knife | take a knife to school | kill everyone at school
| kill everyone in my class | kill my teacher | kill my classmates | kill them all at school | massacre my school
| i will stab you | i'll stab you | ill stab you | im going to stab you | i'm going to stab you | gonna stab you
| gonna stab him | gonna stab her | i will stab him | i'm going to stab him | im going to stab him | gonna shank you
| i will shoot you | i'll shoot you | i'm going to shoot you | gonna shoot you 

| i want to kill someone | i want to kill people
| i want to hurt someone | i want to hurt people | acid attack | throw acid | how to make acid to throw

@weapons 4
zombie knife | zombie knives | machete | machetes | ninja sword | samurai sword for sale | katana for sale
| flick knife | flick knives | switchblade | switch blade | butterfly knife | butterfly knives | balisong
| gravity knife | knuckle duster | knuckle dusters | knuckleduster | brass knuckles | brass knuckle
| knuckle knife | push dagger | karambit | combat knife | hunting knife for sale | buy a knife online
| buy knife under 18 | buy a knife under 18 | knife for sale | knives for sale | how to carry a knife
| carry a knife without getting caught | hide a knife | how to hide a knife | knife in my bag | knife to school
| how to make a weapon | how to make weapons | homemade weapons | homemade weapon | how to make a knife
| how to make a shank | make a shank | how to make a taser | taser for sale | stun gun for sale
| pepper spray for sale | cs gas | crossbow for sale | buy a crossbow | air rifle for sale | bb gun for sale
| converted gun | blank firing gun | gun for sale | guns for sale | buy a gun | buy guns | buy a pistol
| buy ammo | buy ammunition | gore | gore videos | gore video | real gore | gore sites | gorezone | bestgore
| best gore | liveleak | beheading video | beheading videos | decapitation video | execution video
| execution videos | real execution | people dying videos | people dying on camera | death videos | real death
| real murder video | murder video | murder videos | torture video | torture videos | animal cruelty videos
| school shooting | school shootings | school shooter | mass shooting | mass shootings | mass shooter
| sandy hook shooting | stabbing video | stabbing videos | stabbed video | knife attack video
| fight videos | fight video | school fight | school fights | school fight videos | fights at school
| street fight | street fights | street fight knockout | happy slapping | hood fights | fight compilation
| kkk lynching | lynching video | how to make poison | make poison | deadly poison 
| how to get cyanide | how to make chloroform | drill music threats | county lines knife
| postcode war | how to join a gang | join a gang | how to be in a gang | gang initiation | gang members uk
| i want to murder | murder someone | kill someone | killing people | how to hurt someone
| i want to fight someone | revenge on my teacher 
| my dad hits me | my mum hits me | my parents hit me | my step dad hits me | my stepdad hits me
| my dad beats me | my mum beats me | dad beats me | mum beats me | my dad hurts me | my mum hurts me
| abuse at home | domestic abuse at home | dad hits mum | my dad hits my mum | scared to go home
| scared of my dad | scared of my mum | scared of my stepdad | they hit me at home

@weapons 3 staff=1
pistol | pistols | handgun | revolver | glock | rifle | rifles | sniper rifle | ak47 | ak 47 | ak-47 | ar15
| ar 15 | ar-15 | assault rifle | machine gun | uzi | shotgun | shotguns | sawn off shotgun | grenade | grenades
| hand grenade | rocket launcher | bazooka | katana | crossbow | taser | stun gun | pepper spray | nunchucks
| nunchaku | ninja stars | throwing stars | throwing knives | knife fight | knife fighting | how to fight
| how to punch | how to punch someone | how to punch someone hard | how to punch harder | how to win a fight
| how to knock someone out | how to knock someone out in one punch | how to beat someone up
| pressure points to knock someone out | how to kick someone

@weapons 4
i will kill you | i'll kill you | ill kill you | i'm going to kill you | im going to kill you | gonna kill you
| i will kill him | i'm going to kill him | gonna kill him | i want to kill him | i want to kill her
| i want to kill my | beheading | columbine shooting | how to get ricin
| how to make ricin | buy cyanide

@weapons 3
i will get revenge | columbine | chloroform | ricin | cyanide

@weapons 1 staff=0
gun | guns | knife | knives | blade | sword | swords | bomb | bombs | explosives | explosive | dynamite
| c4 | tnt | murder | murdered | murderer | kill | killed | killing | stab | stabbed | stabbing
| shooting | shot dead | massacre | war crimes | torture | blood
| bloody | violent videos | violence | fight club | axe | hatchet | dagger | daggers | bullets | ammo
| ammunition

@rule weapons 5
$intent + $threat + $target
$how + make | build | create | assemble + bomb | a bomb | explosive | explosives | grenade | molotov
| pipe bomb | gun | a gun | firearm | silencer | poison
$how + kill | murder | hurt | stab | shoot | poison | strangle | choke | beat up + someone | somebody | some one
| a person | people | a human | my teacher | my teachers | my mum | my dad | my brother | my sister | my friend
| him | her | a kid | a child | my classmate | my step dad | my stepdad

@rule weapons 4
$how + get | buy | carry | hide | sneak + knife | a knife | gun | a gun | weapon | a weapon | machete | taser
| pepper spray | knuckle dusters

@extremism 5
join isis | join is | join daesh | join the islamic state | join islamic state | how to join isis
| how to join is | how to join daesh | how to join the taliban | join the taliban | how to join al qaeda
| join al qaeda | join al shabaab | join hamas | join hezbollah | isis recruitment | isis recruiter
| daesh recruitment | recruited by isis | talking to isis | travel to syria to join | go to syria and fight
| become a jihadi | how to become a jihadi | how to become a mujahid | become a mujahideen | jihadi john
| martyrdom operation | martyrdom operations | istishhad | how to be a martyr | become a shaheed
| kill the kuffar | kill the kafir | kill kuffar | kill kafirs | kill the infidels | death to the infidels
| death to kuffar | death to america | death to jews | jihad against the kuffar | jihad against kuffar
| jihad against the west | holy war against | lone wolf attack | how to become a lone wolf | lone wolf jihad
| beheading video isis | isis beheading | isis execution video | isis executions | isis videos | isis propaganda videos
| christchurch shooter | christchurch shooting video | christchurch mosque shooting | christchurch video
| brenton tarrant | tarrant manifesto | great replacement manifesto | buffalo shooter | buffalo shooting video
| payton gendron | anders breivik | breivik manifesto | dylann roof | elliot rodger | supreme gentleman | saint tarrant
| saint breivik | how to join national action | join national action | join the kkk | how to join the kkk
| join the ku klux klan | how to join the ku klux klan | atomwaffen | atomwaffen division | feuerkrieg division
| sonnenkrieg division | the base neo nazi | terrorgram | terrorgram collective | race war now | start a race war
| racial holy war | rahowa | day of the rope | day of the rope is coming | kill all immigrants | shoot immigrants
| manchester bomber | manchester arena bomber | how to make a bomb like | plan a terror attack | plan an attack
| how to do a terror attack | how to radicalise | inspire magazine | dabiq magazine | rumiyah magazine
| amaq news | al naba | anwar al awlaki | anwar awlaki | awlaki lectures | ted kaczynski manifesto | unabomber manifesto
| siege james mason | accelerationist manifesto | mass shooter manifesto | shooter manifesto

@extremism 4 staff=3
isis | isil | daesh | islamic state | isis flag | isis nasheed | isis nasheeds | nasheed isis
| al qaeda | al-qaeda | alqaeda | al shabaab | boko haram | taliban
| the taliban | hamas | hezbollah | hizbollah | hizb ut tahrir | al muhajiroun | anjem choudary | abu hamza
| jihadi | jihadis | jihadist | jihadists | kafir scum | sharia uk
| national action | patriotic alternative | british movement | combat 18 | blood and honour | blood & honour
| white power | white pride | white pride worldwide | white supremacy | white supremacist | white nationalist
| white nationalism | white genocide | great replacement | the great replacement | replacement theory
| remigration | 14 words | fourteen words | 14 88 | 1488 | heil hitler | hail hitler | heil | sieg heil
| seig heil | sieg hiel | hitler was right | hitler did nothing wrong | hitler did nothing wrong meme
| nazi | nazis | nazi memes | nazi uniform | neo nazi | neo-nazi | neonazi | neo nazis | neo nazi groups
| swastika | swastikas | swastika tattoo | hakenkreuz | sonnenrad | black sun symbol | totenkopf | ss bolts
| kkk | ku klux klan | klan | klansman | aryan brotherhood | aryan nation | aryan race
| master race | turner diaries | the turner diaries | accelerationism | accelerationist | siege culture
| siegepilled | ecofascism | eco fascism | boogaloo boys | proud boys | oath keepers | incel | incels | inceldom
| incel forum | incels is | blackpill | black pill | blackpilled | foid | foids | femoid | femoids | beta uprising
| remove kebab | kebab removal | serbia strong | jews did 9 11 | zionist occupied
| globalist jews | happy merchant | holocaust hoax | holohoax | 6 million lie | six million lie | oy vey goyim
| red pill women | manosphere | tradwife extremist | antifa terrorists must die | race war | race traitor

@extremism 3 staff=2
islamist | mujahideen | kuffar | dawlah | khilafah | khilafa | the caliphate | caliphate
| far right | far-right | far right groups | far right uk | alt right | alt-right | edl | english defence league
| britain first | tommy robinson | stephen yaxley lennon | white lives matter | its okay to be white
| it's okay to be white | red pill | redpill | redpilled 
| andrew tate | andrew tate quotes | tate brothers | tristan tate | cobra tate | hustlers university
| conspiracy theories jews | qanon | q anon | pizzagate
| jihad | holy war 


@extremism 2 staff=1
sigma male | alpha male | illuminati control | new world order | flat earth

@extremism 1 staff=0
martyr | martyrdom | extremist | extremism | extremists | radicalisation | radicalization | terrorism
| terrorist | terrorists | terror attack | prevent referral

@rule extremism 5
$how | $wish + join | join up with | support | fight for | fight with | travel to + isis | daesh | islamic state
| taliban | al qaeda | al shabaab | the caliphate | national action | the kkk | ku klux klan | atomwaffen
| the mujahideen | jihad | the jihad
kill | killing | death to | shoot | bomb | gas | exterminate | wipe out | get rid of all | purge + muslims | jews
| immigrants | refugees | blacks | black people | gays | kuffar | kafirs | infidels | christians | hindus | sikhs
| asians | pakis | migrants | foreigners | the jews | the muslims | white people | whites | lgbt people | trans people

@hate 4 staff=4
nigger | niggers | niggaz | nigguh | niggah | nigga | niggas | nig nog
| nignog | jungle bunny | porch monkey | spear chucker | golliwog | golly wog | coon | coons | darkie
| darkies | darky | wog | wogs | paki | pakis | paki bashing | paki shop | raghead | ragheads | towelhead
| towelheads | sand nigger | sand n | camel jockey | sandnigger | kike | kikes | yid | yids | heeb
| christ killers | chink | chinks | chinky | gook | gooks | slant eye | slanty eyes | ching chong | ching chang
| zipperhead | spic | spics | wetback | beaner | beaners | gypo | gyppo | gippo | pikey
| pikeys | tinker scum | dirty gypsy | dirty gypsies | faggot | faggots | fagot | faggit | fagget | fagg
| tranny | trannies | trannys | troon | troons | shemale freak 
| batty boy | batty man | poofter | shirtlifter | shirt lifter | sodomite | homo scum
| kill all gays | gays should die | gay people should die | gays should be killed | burn the gays | hang the gays
| kill all muslims | kill all jews | kill the jews | gas the jews | jews to the gas | kill all blacks
| muslims are terrorists | all muslims are terrorists | muslims are evil | islam is evil
| jews are evil | jews control the world | jews run the world | jewish conspiracy | blacks are monkeys
| black people are monkeys | black people are apes | monkey noises | banana at black player | i hate black people
| i hate blacks | i hate muslims | i hate jews | i hate gays | i hate gay people | i hate trans people
| i hate immigrants | i hate indians | i hate pakistanis | i hate polish people | i hate romanians | i hate asians
| i hate white people | i hate gypsies | i hate travellers | send them back | send them all back
| go back to your own country | go back to your country | go back where you came from | deport them all
| holocaust didnt happen | holocaust didn't happen | holocaust never happened | holocaust is a lie
| holocaust was fake | holocaust denial | white is right | white power world wide | racist jokes | racist memes
| jokes about black people | jokes about jews | jew jokes | holocaust jokes | gay jokes | muslim jokes
| dead baby jokes racist | n word | the n word | nword | n-word | say the n word | n word pass

@hate 3 staff=3
retard | retards | retarded | ur a retard | you retard | spastic | spastics | spaz | spazz | spacker | mong | mongs
| mongo | mongoloid | window licker | windowlicker | cripple | cripples | midget | midgets | dwarf jokes
| you're so gay | your so gay | ur so gay | thats so gay | that's so gay | so gay | you're gay | ur gay
| gay boy | gayboy | lesbo | lesbos | lezza | lezzer | homo | homos | fag | fags | fairy boy
| ladyboy | ladyboys | transvestite freak | immigrants are ruining | immigrants ruin | foreigners out
| muslims out | islam out | polish out | romanians out | gypsies out | why are muslims bad | why are jews bad
| why are black people bad | why are gay people wrong | is being gay a sin | gay is a sin | gays go to hell
| women belong in the kitchen | women are inferior | women are property | feminists are | all women are
| ginger kids have no soul | gingers have no souls | blackface | black face costume
| racism jokes 



@hate 3 staff=3
negro | negros | negroes | jap | japs | dyke | dykes | sambo

@hate 2 staff=1
queer | make me a sandwich | offensive words for | offensive names for | insults for | racial slurs

@hate 1 staff=0
racist | islamophobic | homophobic | transphobic | antisemitic | anti semitic | bigot | bigots | slur | slurs
| racist words

@rule hate 4
i hate | we hate | everyone hates | why do people hate + blacks | black people | muslims | jews | gays
| gay people | lesbians | trans people | immigrants | refugees | asians | indians | pakistanis | chinese people
| polish people | romanians | gypsies | travellers | disabled people | autistic people | autistics
`;
