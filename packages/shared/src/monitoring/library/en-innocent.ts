/**
 * English: innocent phrases that contain library words (exclusions: a match overlapping one is dropped), and
 * contexts that make milder matches elsewhere in a text innocent (games, lessons, gardens, kitchens).
 */
export const EN_INNOCENT = String.raw`
@exclude
kill the process | kill process | kill a process | kill processes | kill all processes | kill command
| kill -9 | killall | kill switch | kill task | taskkill | task kill | kill the app | kill an app | kill the server
| kill the tab | kill the program | kill time | killing time | kill some time | kill two birds | dressed to kill
| kill it | killing it | killed it | you're killing me | youre killing me | you are killing me | killing me softly
| this is killing me | my feet are killing me | my legs are killing me | curiosity killed the cat | kill the lights
| killer whale | killer whales | killer bees | killer bee | killer app | killer queen | the killers | kill bill
| to kill a mockingbird | painkiller | painkillers | weed killer | weedkiller | bug killer | slug killer | killjoy
| kill joy | kill the germs | kills germs | kills 99 | kill bacteria | kill weeds | kill the weeds | kill moss
| kill myself laughing | killing myself laughing | killed myself laughing | nearly killed myself laughing
| kill yourself laughing | who killed cock robin | i could kill for a | kill for a pizza | kill for a coffee
| dying of laughter | dying laughing | die laughing | died laughing | dying with laughter | i'm dying lol
| im dying lol | im dead lol | i'm dead lol | dead funny | dead good | dead easy | dead tired | dead end | dead ends
| deadline | deadlines | dead sea | dead poets | the walking dead | walking dead | grateful dead | dead or alive
| day of the dead | dia de los muertos | die hard | tie dye | tie-dye | hair dye | food dye | to die for
| die of boredom | dying of boredom | bored to death | scared to death | die of embarrassment | died of embarrassment
| die of cringe | die of shame | die of hunger | dying of hunger | die of thirst | my phone died | my phone is dying
| phone died | phone is dying | battery died | battery is dying | my battery died | laptop died | my plant died
| plants dying | bees are dying | dying light | dying language | do or die | never say die | die cast | diecast
| die casting | the die is cast | deathly hallows | death star | death eater | death eaters | death by chocolate
| death note | sudden death | death stranding | dead cells | dead space | dead by daylight | red dead | red dead redemption
| die in minecraft | die in fortnite | die in roblox | die in the game
| cut the cake | paper cut | paper cuts | haircut | haircuts | hair cut | cut my hair | cut your hair | cut and paste
| cut out | cut outs | shortcut | shortcuts | short cut | cut the grass | cutting board | cutting the grass | cut down
| cut back | cut off | cut in line | price cut | power cut | cut myself shaving | cut myself by accident
| accidentally cut myself | cut myself cooking | cut my finger | cut myself a slice | cut myself some slack
| hang out | hanging out | hang on | hang up | hang a picture | hang pictures | hang gliding | hang glider | hangman
| hanging basket | hanging baskets | coat hanger | coat hangers | cliff hanger | cliffhanger | hang the washing
| hang washing | hang in there | hang ten | hung up | hang a shelf | hang curtains | hang a mirror
| shoot a film | shoot a video | shoot a music video | photo shoot | photoshoot | bamboo shoots | shooting star
| shooting stars | shoot for the stars | shoot for the moon | shooting practice | shooting drills | shoot hoops
| shoot the ball | penalty shootout | penalty shoot out | shootout | shoot out | shoot you a message
| shoot you an email | shoot you a text | shoot him a message | shoot her a message | shoot me a message
| shoot me an email | shoot them a message | shoot my shot | shoot your shot | shoot myself in the foot
| shot myself in the foot | shoot yourself in the foot | pea shooter | peashooter | shooting game | clay pigeon
| bath bomb | bath bombs | photobomb | photo bomb | photobombing | bomb bay | da bomb | the bomb diggity
| bombay | bomber jacket | bomber jackets | bombshell | cherry bomb | jager bomb | jagerbomb | bomb pop | calorie bomb
| f bomb | seed bomb | seed bombs | glitter bomb | love bomb | love bombing | lancaster bomber | bomber command
| dam busters | bouncing bomb | water bomb | water bombs | stink bomb | stink bombs | smoke bomb | yarn bomb
| nerf gun | nerf guns | water gun | water guns | water pistol | water pistols | glue gun | hot glue gun | staple gun
| top gun | son of a gun | shotgun wedding | call shotgun | i call shotgun | young guns | bubble gun | paper gun
| toy gun | toy guns | cardboard gun | rubber band gun | elastic band gun | lego gun | finger gun | finger guns
| spud gun | potato gun | gun metal | gunmetal | heat gun | nail gun | paint gun | massage gun | temperature gun
| radar gun | big guns | pistol shrimp | starting pistol | smoking gun | sticking to my guns | stick to your guns
| gunpowder plot | gun powder plot | guy fawkes | knife and fork | butter knife | bread knife | kitchen knife
| knife skills | palette knife | chef knife | chefs knife | knife set | knife sharpener | steak knife | cheese knife
| knife edge | knifes edge | knife's edge | under the knife | fish knife | knife block | sword in the stone
| swordfish | sword fish | lightsaber | sword fighting fencing | pillow fight | food fight | snowball fight
| water fight | fight song | firefighter | firefighters | fire fighter | fighter jet | fighter jets | street fighter
| fruit punch | punchline | punch line | punch and judy | one punch man | punch card | hole punch | knockout stage
| knockout stages | knockout tournament | knock knock | have a stab at | take a stab at | stab at it | crossbow pose
| knife crime statistics | knife crime awareness | knife amnesty | gun violence statistics | anti knife crime
| suicide squad | the suicide squad | suicide doors | suicide door | suicide king | suicide kings | suicide sprints
| suicide drill | suicide drills | suicides drill | suicide run | suicide runs | talk about suicide | kms away | kms from | kms to | how many kms
| kms per hour | kms an hour | kms long | kms walk | kms run | kms drive | kms of | in kms | jump off a bridge if
| would you jump off a bridge | great depression | the great depression | tropical depression | depression era
| mental health awareness | hope you die laughing | you smell nice | you smell good | you smell amazing
| nude lipstick | nude colour | nude color | nude nails | nude nail | nude tights | nude heels | nude shoes
| nude makeup | nude make up | nude palette | nude eyeshadow | nude shade | nude leotard | nude bra | nude lip
| naked mole rat | naked mole rats | naked eye | the naked eye | naked flame | the naked chef | naked truth
| the naked truth | naked juice | naked wines | naked ape | naked lunch | naked snail | naked lady plant
| pussy cat | pussycat | pussy willow | pussy willows | owl and the pussy cat | owl and the pussycat
| cock a doodle | cock a doodle doo | cock-a-doodle-doo | weather cock | weathercock | cock robin | cock bridge
| dick whittington | moby dick | dick king smith | dick king-smith | philip k dick | dick turpin | dick van dyke
| dick and dom | tricky dicky | spotted dick | anal fin | anal fins | anal retentive | summa cum laude
| magna cum laude | cum laude | alan cumming | titty ho | dildo newfoundland | dildo island | horny toad
| sex education | sex ed | sex-ed | relationships and sex | relationships and sex education | sex of the baby
| sex of a baby | babies sex | baby's sex | sex of my baby | baby sex scan | gender and sex | sex chromosomes
| sex cells | sex determination | sex discrimination | sexual health | sexual reproduction | asexual reproduction
| sexual orientation | sex pistols | same sex | same sex marriage | same-sex | single sex | opposite sex | sexes
| paint stripper | wire stripper | wire strippers | wallpaper stripper | ford escort | escort mission
| escort quest | rugby hooker | hooker rugby | nipple shield | nipple cream | blue tit | blue tits | great tit
| coal tit | long tailed tit | bearded tit | tit bird | faggots and peas | faggots and gravy | mr brains faggots
| brains faggots | pork faggots | faggots recipe | faggot of sticks | maine coon | maine coons | coon cheese
| spastic colon | spastic paralysis | spastic cerebral palsy | spastic diplegia | spastic quadriplegia | mong kok
| homo sapiens | homo sapien | homo erectus | homo habilis | homo neanderthalensis | homo floresiensis
| offa's dyke | offas dyke | devils dyke | devil's dyke | dyke road | car dyke | chink in the armour
| chink in his armour | chink in her armour | chinks in the armour | chink of light | chink of glasses
| fag ash | fag packet | back of a fag packet | fag end | fag break | sambo wrestling | sambo martial art
| combat sambo | rio negro | negro river | grammar nazi | soup nazi | feminazi | jihad meaning | meaning of jihad
| what is jihad | what does jihad mean | greater jihad | inner jihad | isis goddess | goddess isis | isis egyptian
| egyptian goddess isis | river isis | isis river | the isis | isis and osiris | isis oxford | isis rowing
| isis name meaning | blackjack pirate | blackjack sweets | blackjack chews | anti bullying | anti-bullying
| antibullying | bullying awareness | stop bullying | bullying prevention | bully xl | xl bully | xl bullies
| american bully | bully breed | bully dog | bully stick | bully sticks | bully pulpit | punch drunk
| drunk elephant | smoked salmon | smoke salmon | smoke alarm | smoke detector | smoke alarms | holy smoke
| weeds | garden weeds | get rid of weeds | pull weeds | weed the garden | weeding | weed control | weed membrane
| weed burner | weed killer for | lawn weeds | patio weeds | speed of light | speed of sound
`;

export const EN_CONTEXTS = String.raw`
# Games: killing, dying and weapons are play. Explicit phrases about oneself still count.
@context weapons 4
$gamectx
@context self-harm,bullying,weapons 5 rules
$gamectx

# Lessons and history: extremism, hate and violence as subjects.
@context extremism,hate,weapons 4
history | historical | homework | bitesize | bbc bitesize | ks1 | ks2 | ks3 | gcse | a level | lesson | lessons
| worksheet | essay | project | facts | fact file | timeline | museum | ww1 | ww2 | wwii | wwi | world war
| world war 2 | world war two | world war 1 | second world war | first world war | holocaust memorial
| holocaust memorial day | holocaust museum | anne frank | tudors | tudor | henry viii | henry 8 | anne boleyn
| charles i | french revolution | guillotine | victorians | victorian | romans | vikings | anglo saxons
| egypt | egyptian | egyptians | ancient | mythology | goddess | osiris | horus | religious education | re lesson
| hinduism | hindu | diwali | rangoli | jain | jainism | buddhism | buddhist | sikhism | prevent training
| prevent duty | safeguarding training | british values | what is | what was | who was | who were | why did
| why were | meaning | definition | documentary | news | bbc news | newsround | cbbc newsround
@context extremism,hate,weapons 5 rules
history | homework | bitesize | ks2 | ks3 | gcse | lesson | worksheet | essay | facts | timeline | ww2 | wwii
| world war | holocaust | why did | why were | who was | how many | documentary | newsround

# Lessons about bodies and relationships.
@context pornography 3
sex education | rse | pshe | puberty | biology | science | anatomy | nhs | doctor | gp | health | reproduction
| body parts | lesson | homework | worksheet | ks2 science | life cycle

# Gardens and kitchens.
@context drugs 4 rules
garden | gardening | lawn | lawns | patio | driveway | allotment | flower bed | flowerbed | plants | vegetable patch
@context drugs 3
salmon | meat | fish | brisket | bbq | barbecue | bacon | cheese | smoker | garden | lawn | patio

# Maths lessons about chance.
@context gambling 3
probability | maths | math | chance | odds in maths | fractions | statistics

# Adults looking for help for someone else (still shown when severe).
@context all 3
signs of | warning signs | how to help | how to support | how to spot | how to talk to my child about | awareness
| safeguarding | nspcc | ceop | childline | samaritans | papyrus | kooth | young minds | shout 85258
`;
