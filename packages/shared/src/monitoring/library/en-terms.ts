/** English term sets used by the rules in the other English files (library-dsl.ts explains the format). */
export const EN_TERMS = String.raw`
$how = how to | how do i | how do you | how can i | how can you | how could i | how would i | how should i
| how 2 | how too | howto | hw to | how ti | how yo | ways to | way to | best way to | easiest way to
| quickest way to | fastest way to | simplest way to | quick way to | painless way to | painless ways to
| least painful way to | most painless way to | easy way to | easy ways to | methods to | method to | tips to
| tips for | tutorial | guide to | steps to | where can i | where to | what is the best way to
| whats the best way to | what's the best way to | safest way to | is it possible to | can i | help me
| teach me how to | show me how to | instructions | diy | at home
$intent = i want to | i wanna | i wana | i need to | i have to | im going to | i'm going to | im gonna
| i'm gonna | gonna | going to | i will | i'll | ima | imma | i am going to | i plan to | planning to
| thinking of | thinking about | i feel like i want to | i might | i should | should i | i could
$wish = i want to | i wanna | i wana | i need to | i just want to | i really want to | i wish i could
| i feel like i want to | planning to | plan to | i should | should i | i deserve to | ready to | want to
| wanna | i want 2 | want 2 | i wan to | i wamt to | i eant to | i wnat to | i want too
$die = die | diee | dieee | be dead | end it all | end my life | kill myself | kill my self
| not wake up | never wake up | stop living | stop existing | not exist | not be alive | disappear forever
$method = kill myself | kill my self | killmyself | kil myself | kill mysefl | kill myslef | end my life
| end it all | hang myself | hang my self | hang yourself | hanging myself | overdose | od | cut myself
| cut my self | cut my wrists | cut your wrists | slit my wrists | slit your wrists | slit wrists
| commit suicide | comit suicide | commit sucide | suicide | sucide | suicde | suiside | drown myself
| poison myself | starve myself | suffocate myself | strangle myself | jump off a bridge | jump off a building
| jump in front of a train | jump in front of a car | kill yourself | unalive myself | unalive
| bleed out | bleed to death | stop my heart | tie a noose | make a noose | noose
$pills = paracetamol | paracetamols | paracetemol | parecetamol | pills | pill | tablets | tablet | ibuprofen
| aspirin | sleeping pills | sleeping tablets | antidepressants | sertraline | fluoxetine | codeine | tramadol
| calpol | nurofen | insulin | bleach | anti freeze | antifreeze | painkillers | pain killers | medicine
| medication | tylenol | benadryl
$lethal = to die | to kill me | to kill you | kill you | kill me | to overdose | overdose | od | lethal | fatal
| deadly | to be fatal | to end my life | to kill myself | to kill yourself | before you die | die
$you = you are | you're | youre | ur | u r | u are | you r | you is | your so | ur so | you so | you're so
| youre so | you are so | you look | u look | you are such a | you're such a | ur such a | you are a
| you're a | youre a | ur a | u r a | you are an | you're an | ur an | u look so | you look so
$insult = ugly | ugli | ugly af | fat | fatty | fatso | stupid | dumb | thick | disgusting | gross | worthless
| pathetic | loser | looser | freak | weirdo | weird | a waste of space | waste of space | waste of oxygen
| useless | a joke | a nobody | nobody | hideous | minger | minging | skank | slag | slut | whore | bitch
| tramp | scum | trash | an idiot | idiot | moron | smelly | a mistake | unwanted | unlovable | dead to me
| a failure | a disgrace | a freak | a loser | so ugly | so fat | so stupid | a fat pig | a fat cow
$threat = stab | shank | shoot | knife | slash | acid attack | throw acid at
$target = you | u | him | her | them | ya | he | she | everyone | every one | my teacher | the teacher
| my dad | my mum | my mom | my brother | my sister | the school | up the school | up my school | up school
| my class | the class
$beat = beat you up | beat u up | batter you | batter u | jump you | jump u | smash your face | punch you
| punch u | hurt you | hurt u | knock you out | fight you | rush you | deck you | slap you
| beat him up | beat her up | batter him | batter her | jump him | jump her
$when = after school | at break | at lunch | tomorrow | tomoz | 2moro | at school | on monday | outside
| in the park | at the gates | when i see you | next time i see you | you're dead | your dead | ur dead
$secret = dont tell | don't tell | do not tell | dnt tell | never tell | no need to tell | not tell
| dont say | don't say | dont let | don't let | keep it secret | keep this secret | keep it a secret
| keep this between us | between you and me | delete our | delete the messages | delete the chat
| delete these messages | hide our | hide this from | clear the chat | our little secret | our secret
| just between us | dont show | don't show | dont mention | don't mention
$guardians = your parents | your mum | your mom | your mam | your dad | your mum and dad | your family
| your teacher | your teachers | your carer | your carers | your nan | your gran | your foster | ur parents
| ur mum | ur mom | ur dad | your parent | the police | your mother | your father | your guardian | ur family
$anyone = anyone | any one | nobody | no one | your friends | your aunt | your uncle | your brother
| your sister | parents | mum | mom | dad | teacher | teachers | $guardians
$us = about us | about me | we talk | we chat | we're talking | we are talking | our chat | our chats
| our messages | our convo | we met | we're friends | we are friends | i send you | we speak
| we video call | we facetime | we meet | our calls | i message you
$sendverb = send | sending | sned | snd | show | show me | take | post | upload | share | give me | can i see
| can i have | let me see | i want to see | i wanna see | swap | trade | send me | send us | dm me
$nakedish = naked | nude | nudes | nudez | noods | nudies | no clothes | without clothes
| without your clothes | with no clothes | undressed | topless | in your underwear | in ur underwear
| in your bra | in your knickers | in your pants | private parts | privates | down there | boobs | your boobs
$bodypic = $nakedish | your body | ur body | you in the bath | you in the shower | in the bath
| in the shower | in your bed | your legs | your chest | your belly | your bum | your butt | ur bum
| in your bikini | in a bikini | in your pyjamas | in your pjs | hot | sexy | spicy | dirty | naughty
$picture = pic | pics | picture | pictures | photo | photos | selfie | selfies | video | vid | vids | snap | snaps
| image | images | pix | pik | piks | foto | fotos
$undress = take your top off | take your clothes off | take ur top off | take ur clothes off
| undress | get naked | lift your top | lift ur top | take your shirt off | take your pants off
| take your trousers off | take ur pants off | show your body | show ur body | touch yourself | touch urself
| show me your body | show me ur body | show me your boobs | show me your privates
$cam = camera | cam | webcam | video call | videocall | facetime | face time | on call | turn your camera on
| turn ur camera on | cam on | on snap | on video chat
$gift = robux | vbucks | v bucks | v-bucks | gift card | gift cards | giftcard | amazon voucher | money | cash
| skins | minecoins | free stuff | presents | a present | a new phone | phone credit | top up | paypal
| steam card | nitro | discord nitro | fortnite skins | coins | gems | diamonds
$forpic = for a pic | for pics | for a photo | for a picture | for pictures | for nudes | for a nude
| if you send | if u send | in exchange | for a video | for videos | if you show | if u show
| for a selfie | for selfies | if you take | for some pics
$partner = boyfriend | girlfriend | bf | gf | boy friend | girl friend | lover | online boyfriend
| online girlfriend | this man | older man | older boy | my friend online | my online friend
| someone online | a stranger | a man i met | a guy i met | the man i met | the guy i met | a man online
| a guy online | my online bf | my online gf
$someone = he | she | this guy | the guy | the man | a man | a guy | this man | someone
$adultage = is 18 | is 19 | is 20 | is 21 | is 22 | is 23 | is 24 | is 25 | is 26 | is 27 | is 28 | is 29
| is 30 | is 31 | is 32 | is 33 | is 34 | is 35 | is 36 | is 37 | is 38 | is 39 | is 40 | is 45 | is 50
| is 55 | is 60 | hes 18 | hes 19 | hes 20 | hes 21 | hes 22 | hes 23 | hes 24 | hes 25 | hes 26 | hes 27
| hes 28 | hes 29 | hes 30 | hes 35 | hes 40 | hes 45 | hes 50 | shes 18 | shes 19 | shes 20 | shes 21
| shes 25 | shes 30 | years older | years older than me | much older | way older | an adult | a grown up
| a grownup | older than me | in his 20s | in his twenties | in his 30s | in his thirties | in his 40s
| an old man | a married man | at uni | at university | has a job | drives a car | has a car
$young = im 8 | im 9 | im 10 | im 11 | im 12 | im 13 | i am 8 | i am 9 | i am 10 | i am 11 | i am 12 | i am 13
| and im 9 | and im 10 | and im 11 | and im 12 | and im 13 | 10 year old | 11 year old | 12 year old
| in year 5 | in year 6 | in year 4 | in primary | at primary school | still in primary
$child = kids | kid | children | child | childs | child's | childrens | little girl | little girls | little boy
| little boys | schoolgirl | schoolgirls | school girl | school girls | schoolboy | schoolboys | toddler
| toddlers | baby | babies | preteen | pre teen | pre-teen | preteens | underage | under age | minor | minors
| young girl | young girls | young boy | young boys | 8 year old | 9 year old | 10 year old | 11 year old
| 12 year old | 13 year old | 14 year old | 15 year old | 8yo | 9yo | 10yo | 11yo | 12yo | 13yo | 14yo
| 15yo | 10 yo | 11 yo | 12 yo | 13 yo | 14 yo | 15 yo | 10 years old | 11 years old | 12 years old
| 13 years old | 14 years old | year 6 girls | year 7 girls | pedo | paedo | loli | lolis | shota | jailbait
$sexual = nude | nudes | naked | porn | porno | sex | sexy | xxx | nsfw | topless | undressed | undressing
| hentai | r34 | rule 34 | rule34 | onlyfans | pics nsfw | hot pics | in underwear | in bikini | in bikinis
| erotic | lewd | lewds | masturbating | having sex | sexual | sexting | naughty pics
$gamectx = minecraft | mine craft | roblox | fortnite | among us | call of duty | cod | warzone | gta | zelda
| mario | pokemon | terraria | ender dragon | the wither | wither | creeper | creepers | zombies | zombie | mobs
| mob | boss | bosses | in game | in the game | sims | the sims | sims 4 | skyrim | elden ring | hypixel
| bedwars | skywars | brookhaven | adopt me | blox fruits | da hood | apex | valorant | overwatch | halo
| fifa | rocket league | clash royale | clash of clans | brawl stars | geometry dash | subway surfers
| speedrun | hardcore mode | survival mode | creative mode | five nights at freddys | fnaf | undertale
| hollow knight | dark souls | hogwarts legacy | animal crossing | stardew | splatoon | smash bros | kirby
| sonic | lego | doctor who | harry potter | hunger games | ender pearl | villager | villagers | piglin
| the warden | bloxburg | piggy | doors | rainbow friends | poppy playtime | huggy wuggy | bendy
`;
