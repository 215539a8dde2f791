/** English: self-harm and suicide, bullying. Policy 9.x; UKSIC "self-harm", "suicide", "bullying". */
export const EN_HARM = String.raw`
@self-harm 5
kill myself | kill my self | killing myself | killin myself | kil myself | kil my self | kill mysef
| kill myslef | kill mysefl | kill mself | kll myself | kms | kmsl | kys myself | unalive myself
| unaliving myself | unalive my self | unalive me | commit unalive | end my life | ending my life
| end my own life | take my own life | taking my own life | take my life | end it all tonight
| i want to die | i wanna die | i wana die | i want 2 die | i want to die so bad | i just want to die
| i want to be dead | i wish i was dead | i wish i were dead | i wish i wasnt alive | i wish i wasn't born
| i wish i was never born | i should just die | i deserve to die | i want to stop living | wanna die
| want to die | want to be dead | i want to end it | i want to end it all | i'm going to end it
| im going to end it | gonna end it all | going to end it all | better off dead | im better off dead
| better off without me | would be better off without me | everyone would be better off without me
| nobody would care if i died | no one would care if i died | nobody would miss me | no one would miss me
| nobody would notice if i died | no one would notice if i was gone | i dont want to live
| i don't want to live | dont want to live anymore | i dont want to be alive | i don't want to be alive
| dont want to be alive | dont want to exist | i dont want to exist | i want to disappear forever
| i want to sleep forever | go to sleep and never wake up | never wake up again | i hope i dont wake up
| i hope i don't wake up | i want to go to sleep and never wake up | suicide note | suicide letter
| my suicide note | goodbye letter before suicide | suicide plan | my suicide plan | planning my suicide
| planning suicide | how to commit suicide | how to suicide | commit suicide | comit suicide
| commit sucide | commit suiside | commited suicide tonight | suicide method | suicide methods
| suicde methods | sucide methods | suiside methods | suicide ways | ways to commit suicide
| methods of suicide | painless suicide | painless death | painless way to die | painless ways to die
| quick death | quickest way to die | easiest way to die | best way to die | fastest way to die
| how to die painlessly | how to die quickly | how to die fast | how to die easily | how to die in my sleep
| how to hang myself | how to hang yourself | hang myself | hanging myself | how to make a noose
| tie a noose | noose knot for hanging | how to slit wrists | slit my wrists | slit your wrists
| slit wrists | cut my wrists | cutting my wrists | how to cut my wrists | how deep to cut
| how deep do you have to cut | how deep to cut to die | bleed to death | how to bleed out
| overdose on | how to overdose | overdosing on | lethal dose | fatal dose | deadly dose | how many pills to die
| how many paracetamol to die | sewerslide | sewer slide | commit sewerslide | sewerslide methods
| kermit sewer slide | kermit suicide | self deletion | delete myself irl | suicide forest | suicide bridge
| jump off a bridge | jump off a building | jump in front of a train | jump in front of a car
| drown myself | poison myself | suffocate myself | strangle myself | shoot myself | stab myself
| how to hide cuts | how to hide self harm | how to hide my cuts | how to hide scars from parents
| hide self harm scars | hide cuts from parents | hide my cuts | hide cuts at school | what to cut myself with
| best thing to cut with | best blade to cut | sharpest blade to cut | how to cut yourself | how to cut myself
| cut myself deeper | cut deeper | how to self harm | self harm methods | how to self harm without
| self harm without anyone knowing | self harm without scars | how to burn myself | im going to kill myself
| i'm going to kill myself | i am going to kill myself | im gonna kill myself | gonna kill myself
| going to kill myself | will kill myself | i will kill myself | i'll kill myself | i want to kill myself
| i wanna kill myself | want to kill myself | thinking of killing myself | thinking about killing myself
| i'm going to end my life | tonight i will die | my last day alive | last day alive | goodbye forever world
| how long does it take to die | how to stop my heart | tie a rope around my neck | rope around my neck
| stop breathing forever | blackout challenge | choking challenge | pass out challenge | blue whale challenge
| how to unalive | how to sewerslide | how to kms | i want to kms | i wanna kms | gonna kms | imma kms

@self-harm 4
bleed out | suicid* | suicide | suiside | suicde | sucide | suicied | sucicide | suecide | suicyde | suicidal | suiscidal
| suicidle | self harm | self-harm | selfharm | self harming | self-harming | selfharming | self harmer
| self harrm | sef harm | slef harm | self hram | self injury | self injure | self injuring | self mutilation
| sh scars | self harm scars | cutting scars | fresh cuts | cutting myself | i cut myself | been cutting
| cutting again | started cutting | i cut again | relapsed self harm | sh relapse | sh tips
| cutting tips | i self harm | hurting myself | i want to hurt myself
| want to hurt myself | hurt myself on purpose | burning myself | burn myself | scratching myself
| hitting myself | punching myself | banging my head | starve myself | starving myself | how to starve
| how to starve yourself | stop eating | how to stop eating | how to not eat | how to not be hungry
| not eating for days | how to purge | purging | make myself sick | make yourself sick | make myself throw up
| how to throw up after eating | pro ana | pro-ana | proana | pro mia | pro-mia | promia | ana tips
| ana buddy | ana coach | mia tips | thinspo | thinspiration | bonespo | meanspo | skinnyspo | thigh gap tips
| how to get a thigh gap fast | eating disorder | anorexia tips | bulimia tips | i dont deserve to eat
| i don't deserve to eat | fat and disgusting | no reason to live | no point in living | no point living
| nothing to live for | life is not worth living | life isnt worth living | life isn't worth living
| i want to disappear | want to disappear | i want to vanish | i can't go on | i cant go on
| i can't do this anymore | i cant do this anymore | i give up on life | giving up on life | tired of living
| tired of life | sick of living | i hate being alive | i am a burden | im a burden
| i'm a burden | everyone hates me and i want to die | momo challenge | skull breaker challenge
| razor blade | razor blades | blades for cutting | sharpener blade | pencil sharpener blade | take the blade out
| crying myself to sleep every night | self harm help | self harm hotline | suicide hotline | suicide help
| commit suicide meaning | am i suicidal | suicidal thoughts
| suicidal feelings | suicidal ideation | thoughts of suicide | thinking about suicide | i think about suicide
| i think about dying | i think about death | death wish | i want to die meme | kms meme

@self-harm 3
13 reasons why | thirteen reasons why
i hate myself | i hate my self | i hate me | hate myself | i hate my life | hate my life | i hate my body
| i hate my face | im worthless | i'm worthless | i am worthless | i feel worthless | i'm useless | im useless
| i am useless | nobody loves me | no one loves me | nobody likes me | no one likes me | nobody cares about me
| no one cares about me | everyone hates me | every one hates me | everybody hates me | all my friends hate me
| i have no friends | i've got no friends | ive got no friends | i feel so alone | i am so alone | im so lonely
| i'm so lonely | i feel empty | i feel numb | i feel hopeless | feeling hopeless
| i cry every night | i cry myself to sleep | crying every day | i can't cope | i cant cope | can't cope anymore
| i can't take it anymore | i cant take it anymore | cant take it anymore | i'm so tired of everything
| im so tired of everything | tired of everything | i feel like a failure | i'm a failure | im a failure
| depression | depressed | am i depressed | i feel depressed | im depressed | i'm depressed | depresion
| depresed | signs of depression | sad all the time | i feel sad all the time | anxiety attack | panic attack
| mental breakdown | i'm broken | im broken | i'm not okay | im not ok | nobody understands me

@self-harm 3 staff=1
i'm ugly | im ugly | i am ugly | i'm fat | im so fat | i hate being fat | i feel fat | i need to lose weight fast
| lose weight fast | how to lose weight in a week | how to lose 10kg in a week | how to be skinny
| how to get skinny fast | am i fat | calories to lose weight fast

@self-harm 2 staff=0
i feel sad | feeling sad | i feel lonely | i am lonely | im lonely | i'm anxious all the time
| suicide prevention | prevent suicide | suicide awareness | self harm awareness

@self-harm 1 staff=0
anxiety | grief | my nan died | my grandad died | my dog died | my mum died | my dad died | my friend died

@rule self-harm 5
$how | $intent + $method
$how + $die
$wish + $die
how many | how much | what dose | what amount | amount of | number of + $pills + $lethal
$pills + to die | to kill myself | to end my life | to overdose | overdose | od | lethal | fatal | deadly
how high | how far | what height | which floor | how tall + jump | fall | fell + die | death | dead | to die | kill you
how long + hang | hanging | drown | drowning | bleed | bleeding | suffocate | without air + die | to die
| death | dead | pass out | lose consciousness
how to | how do i | ways to + hide | cover | cover up | conceal + cuts | self harm | sh | cuts on my arms
| cuts on my wrists | marks on my arms | marks on my wrists | self harm scars | cutting scars | sh scars

@rule self-harm 4
how to | how do i | how can i | ways to | tips | best way to + cut | burn | hurt | harm | scratch | bruise
| punish + myself | my self | my arms | my wrists | my legs | my thighs
how to | how do i | how can i | ways to | tips to | best way to + starve | not eat | skip meals | purge
| hide not eating | lose weight without eating | not feel hungry

@bullying 4
kill yourself | kill urself | kill ur self | kill your self | kil yourself | kill yourslef | kill yoself
| kys | k y s | go kys | just kys | pls kys | plz kys | kys now | kys loser | neck yourself | neck urself
| go die | go and die | just go die | go die in a hole | go die in a ditch | i hope you die | i hope u die
| hope you die | hope u die | you should die | u should die | you should kill yourself | u should kill urself
| you should just die | why dont you just die | why don't you die | why don't you kill yourself
| drink bleach | go drink bleach | jump off a cliff | go jump off a bridge | end yourself | unalive yourself
| go unalive yourself | everyone hates you | every one hates you | everybody hates you | everyone hate you
| we all hate you | everyone wants you dead | everyone wants you to die | nobody would miss you
| no one would miss you | nobody would care if you died | no one would care if you died | nobody cares if you die
| the world would be better without you | better off without you | you're better off dead | your better off dead
| ur better off dead | you don't deserve to live | you dont deserve to live | you deserve to die | u deserve to die
| you are dead tomorrow | you're dead tomorrow | your dead tomorrow | ur dead tomorrow | ur dead at break
| you're dead after school | your dead after school | you're dead at lunch 
| i'm going to beat you up | im going to beat you up | im gonna beat you up | gonna beat you up
| i will beat you up | ill beat you up | i'll beat you up | beat you up after school | make your life hell
| make your life a living hell | make ur life hell | ruin your life | i will ruin your life | i'll ruin your life
| we will get you | we'll get you | we're going to get you | gonna get you after school | jump you after school
| i'm being bullied | im being bullied | i am being bullied | im getting bullied | i'm getting bullied
| i get bullied | being bullied at school | bullied at school | bullied every day | they keep bullying me
| people keep bullying me | people are bullying me | everyone is bullying me | being bullied online
| cyberbullied | cyber bullied | i'm being cyberbullied | being cyberbullied | they're bullying me | they bully me
| someone is bullying me | bullies at school hurt me | they hit me at school | they beat me up | got beaten up
| im scared to go to school | i'm scared to go to school | scared to go to school because

@bullying 3
watch your back | watch ur back | nobody likes you | no one likes you | nobody likes u | no one likes u | nobody loves you | no one loves you
| nobody wants you | no one wants you | nobody wants you here | go away nobody wants you | you have no friends
| u have no friends | you've got no friends | no one wants to be your friend | nobody wants to be your friend
| everyone thinks you're ugly | everyone thinks your ugly | everyone thinks you are ugly | everyone laughs at you
| you are so ugly | you're so ugly | your so ugly | ur so ugly | u r ugly | ur ugly | you're ugly | your ugly
| you are ugly | youre ugly | you're fat | your fat and ugly | ur fat | you are fat | u r fat | you're so fat
| your so fat | fat and ugly | ugly and fat | fat ugly | fat pig | fat cow | fat lard | lard ass
| fatso | fat loser | ugly loser | stupid loser | ur a loser | you're a loser | your a loser | you are a loser
| loser loser | you're worthless | your worthless | ur worthless | you are worthless | you're pathetic
| your pathetic | ur pathetic | you are pathetic | you're disgusting | your disgusting | you are disgusting
| you're a waste of space | waste of space | waste of oxygen | you smell | u smell | you stink | u stink
| smelly tramp | your mum is fat | your mum's fat | go away freak | get a life loser | shut up fat | shut up ugly | stupid fat cow
| stupid cow | stupid idiot | you idiot | you moron | you're so stupid | ur so dumb | you're dumb | thick idiot
| how to bully someone | how to bully | how to make someone cry | how to make someone sad | how to upset someone
| how to humiliate someone | how to get revenge on someone | how to get back at someone | how to get back at a bully
| how to ruin someone's life | how to ruin someones life | how to roast someone | roast someone badly
| make a fake account to bully | fake account to bully | hate page | exposing page | expose page
| burn book | rank the ugliest | ugliest person in my class | who is the ugliest | hot or not | rate me ugly
| people call me names | people keep calling me names | they call me names | they called me fat | people call me fat
| people call me ugly | they laugh at me | everyone laughs at me | they make fun of me | people make fun of me
| i get picked on | im picked on | i'm picked on | nobody plays with me | no one plays with me | they left me out
| they kicked me out of the group | kicked me out of the group chat | removed me from the group chat
| made a group chat about me | group chat about me | they talk about me behind my back | they spread rumours about me
| spreading rumours about me | spread rumours about | someone posted a photo of me | they posted a video of me
| they shared my photo | someone made a fake account of me | fake account of me | someone hacked my account

@bullying 2
mean comments | rude comments | roast me | diss track | yo mama | your mum jokes

@bullying 1 staff=0
bully | bullying | bullied | bullies | cyberbullying | cyber bullying

@rule bullying 3
$you + $insult

@rule bullying 4
$intent + $beat
$beat + $when
`;
