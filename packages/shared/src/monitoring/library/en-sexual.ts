/**
 * English: grooming and sexual exploitation (policy 9.2, 9.3: online child sexual abuse, indecent images of
 * children), and pornography. Indecent-image search terms are here so the DSL hears of them at once; they
 * are search words only, never descriptions.
 */
export const EN_SEXUAL = String.raw`
@grooming 5
send nudes | send me nudes | send me nude | send me a nude | send nude | send me your nudes | snd nudes
| send noods | send nudez | send me noods | send me nudies | send nude pics | send nude pictures
| send me naked pics | send me naked pictures | send me a naked picture | send me naked photos | nudes pls
| nudes please | can i have nudes | can i see your nudes | want to see your nudes | wanna see ur nudes
| trade nudes | swap nudes | nude swap | nudes for nudes | pic for pic | send a pic of your body
| send me a pic of your body | send me pictures of your body | picture of your body | pics of your body
| photos of your body | show me your body | show me ur body | show me your boobs | show me your bum
| show me your private parts | show me your privates | show me down there | take your clothes off
| take off your clothes | take ur clothes off | take your top off | take ur top off | take your shirt off
| get naked on camera | naked on camera | naked on facetime | naked video call | strip for me | undress for me
| touch yourself for me | send me a video of you | video of you in the bath | pics in the bath
| pic of you in your underwear | in your underwear send | what are you wearing send | send me a sexy pic
| send me a hot pic | send me something spicy | spicy pics | send me a spicy pic | dont tell your parents about us
| don't tell your parents about us | dont tell your mum about us | don't tell your mom about us
| keep our chat secret | keep this chat secret
| delete the messages so your parents
| your parents wont understand | your parents won't understand 

| meet me after school dont tell
| it can be our secret


| sextortion | sex tortion | sextorted | blackmailing me with my photos | blackmailing me with pics
| blackmailing me with my pictures | blackmail me with nudes | blackmailed with nudes | threatening to post my nudes
| threatening to share my nudes | share my nudes | post my nudes | leak my nudes | leaked my nudes | sent my nudes
| he has my nudes | she has my nudes | he shared my nudes | someone shared my nudes | my nudes got leaked
| pay or he will share | pay him or he will post | he wants money for my pictures | sent a nude and now
| sent nudes to a stranger | i sent nudes | i sent a nude | i sent naked pictures | i sent pictures of my body
| share her nudes | send her nudes to everyone | her nudes | his nudes | leaked nudes of | nudes of my classmate
| nudes of a girl in my class | nudes group chat | nudes in the group chat
| child porn | childporn | child pornography | kiddie porn | kiddy porn | kid porn | kids porn | cp links
| cp videos | cp pics | cp vids | pthc | preteen porn | pre teen porn | preteen nude | preteen nudes
| underage porn | underage nudes | underage nude | underage sex | jailbait | jail bait | jailbate | lolicon
| loli porn | loli hentai | loli r34 | shotacon | shota porn | shota hentai | pedo videos | paedo videos
| pedophile videos | how to groom a child | how to groom a kid | how to groom kids | grooming children tips
| how to get a child to trust you | how to get kids to trust me | how to meet kids online | how to meet children
| how to talk to kids online | where to find young girls | where to meet young girls | how to get a kid alone
| how to get a child alone | how to lure a child | how to kidnap a child | how to kidnap a kid
| my uncle touches me | he touches me | he touched me down there | touched my private parts | touched my privates
| touches my private parts | touches my privates | makes me touch him | made me touch him | made me touch his
| he made me do things | someone touched me | touched me inappropriately | touching me inappropriately
| he raped me | i was raped | raped me | he abuses me | abusing me
| older man wants to meet me | older man online wants to meet | man online wants to meet me
| man i met online wants to meet | met a man online | met a guy online who is | a man on roblox
| a man on fortnite | a man on snapchat | a man on tiktok | a man on instagram | a man on discord
| sext me | sexting me | lets sext | let's sext | wanna sext | want to sext | he wants me to sext
| asked me to sext | asking me to sext | send me dirty pics | send me dirty pictures | dirty pics of you

@grooming 4
sexting | sext | sexts | someone asked for nudes | someone asked me for nudes | asked me for nudes
| he asked for nudes | asked me for pics | he keeps asking for pics | keeps asking for photos
| asks for pictures | stranger keeps messaging me | a stranger keeps messaging me | a man keeps messaging me
| man keeps messaging me | older boy keeps messaging me | a man messaged me | someone i dont know messaged me
| he asked how old i am | asked where i live | asked what school i go to | wants to video call me alone
| wants to facetime me alone | wants to meet me | online friend wants to meet | meet someone from online
| meet up with someone from online | meet someone i met online | meeting someone from the internet
| omegle | ometv | ome tv | chatroulette | chat roulette | monkey app | monkey chat | holla app | chatrandom
| chat random | emerald chat | camsurf | azar app | yubo | wink app | hoop app | random video chat
| video chat with strangers | chat with strangers | talk to strangers | stranger chat | chat with random people
| strangers chat | meet new people online | dating app for kids | dating apps for 12 year olds | teen dating app
| kik | kik messenger | dating for under 18

@grooming 4 staff=1
am i being groomed | is he grooming me | grooming signs | child abuse | am i being abused | is this abuse


@grooming 3
are you alone | r u alone | are u alone | are your parents home | r ur parents home | are your parents out
| is anyone else home | where do you live | what school do you go to | what's your address | nobody has to know
| no one has to know | no one needs to know | i'll pick you up from school | ill pick you up from school
@grooming 4 staff=1
sexual abuse | sexually abused
@grooming 4
our little secret | this is our little secret | delete our chat | delete our messages | delete our convo
| you are mature for your age | you're mature for your age | ur mature for your age | so mature for your age
| our relationship is special
@grooming 3
talk to strangers online | chat rooms | chatroom | chat room for kids | anonymous chat | anonymous chat app
| secret chat app | hide messages from parents | hide apps from parents | vault app | calculator vault
| secret photo vault | how to hide snapchat | hide my chats | delete my chats so my parents | how to delete messages

@rule grooming 5
$sendverb + $bodypic + $picture
$sendverb + $nakedish
$undress + $cam
$secret + $anyone + $us
$secret + $guardians + $gift | $picture | meet | meeting | camera | video call
$gift + $forpic
$partner + $adultage
$someone + $adultage + $young | loves me | says he loves me | said he loves me | wants to meet | wants to meet me
| asked for | asks for | wants me to | my boyfriend | my girlfriend | kissed me | touched me
$child + $sexual
are you alone | r u alone | are u alone | are your parents home | is anyone home | are your parents out
| is anyone else home + send | pic | pics | camera | cam | call | video | facetime | photo | come over
meet up | meet me | meet in person | meet irl | come to my house | come round | come over + dont tell | don't tell
| secret | alone | nobody has to know | no one has to know | without your parents | on your own | by yourself
@rule grooming 4
$partner | $someone + online | on roblox | on fortnite | on snapchat | on tiktok | on instagram | on discord
| in a game | on whatsapp | on minecraft | on xbox | on playstation | on ps5 + meet | meet up | meet me
| wants to meet | wants to see me | come to my house | pick me up | visit me
@rule grooming 5
blackmail | blackmailing | blackmailed | threatening | threatened | extort | extorting + $picture | nudes
| nude | naked
@rule grooming 3
$secret + $guardians

@pornography 4 eyfs-ks1=5 staff=4
porn* | pron | prn | poorn | porrn | pornnn | pporn | porm | prono | pornhub | pornhubb
| porn hub | p hub | phub | xvideos | x videos | xvideo | xhamster | x hamster | xnxx | xnx | redtube | red tube
| youporn | you porn | brazzers | bangbros | bang bros | spankbang | spank bang | tube8 | eporner | beeg
| motherless | rule34 | rule 34 | r34 | r 34 | rule34 sonic | hentai | hentia | hentai porn | hentaihaven
| nhentai | hanime | doujin hentai | ecchi | nsfw | n s f w | nsfw pics | nsfw videos | nsfw reddit | gonewild
| gone wild | onlyfans leak | onlyfans leaks | onlyfans leaked | only fans leaks | onlyfans nudes | only fans nudes
| leaked onlyfans | fansly leaks | free onlyfans | nudes | nude | nudez | noods | nudie | nudies | nude pics
| nude photos | nude pictures | nude girls | nude women | nude men | nude boys | nude selfies | naked | naked girls
| naked women | naked woman | naked ladies | naked lady | naked men | naked man | naked boys | naked pics
| naked pictures | naked photos | naked videos | nakes girls | nakid | nekkid | topless girls | topless women
| boobs | boobies | boobz | big boobs | huge boobs | boob pics | tits | titties | tities | big tits | titty
| titty pics | tiddies | nipples | pussy | pusy | pussi | vagina pics | penis pics | dick pics | dick pic
| cock pics | big dick | big cock | dildo | dildos | vibrator | sex toys | sex toy | horny
| hornee | horny girls | sex video | sex videos | sexvideo | sex vid | sex vids | sex tape | sex tapes
| sex movies | sex clips | sex pics | sex pictures | free sex | sex chat | sex cam | sex cams | live sex
| sex live | webcam sex | cam girls | camgirls | cam girl | camgirl | chaturbate | stripchat | bongacams
| livejasmin | myfreecams | sex games | porn games | adult games | xxx videos | xxx video
| xxx movies | xxx pics | xxx porn | triple x videos | secks videos | seks video
| milf | milfs | gilf | dilf | blowjob | blow job | blowjobs | bj video | handjob | hand job | anal | anal sex
| threesome | foursome | orgy | gangbang | gang bang | creampie | cumshot | cum shot | cumming
| squirting | deepthroat | deep throat | bukkake | fisting | bdsm | fetish porn | feet pics
| foot fetish | lesbian porn | lesbians kissing naked | gay porn | gay sex | lesbian sex | shemale | shemales
| trans porn | tranny porn | teen porn | teen sex | teens sex | step sister porn | step sis
| stepsis | step mom porn | incest | hardcore porn | softcore | erotic | erotica
| erotic videos | lewd | lewds | lewd pics | ahegao | futa | futanari | yaoi porn | yuri porn | strip tease
| striptease | stripper | strippers | stripping video | strip club | lap dance | lapdance | pole dance naked
| escort service | how to have sex
| how to do sex | how to sex | how to have sexx | sex positions | sex position | positions for sex | kamasutra
| kama sutra | how to masturbate | masturbate | masturbation | masturbating | jerk off | jerking off | wank
| wanking | fap | fapping | orgasm | orgasms
| bum hole | butthole | booty pics | thicc | twerk naked | naked twerk | sexting pics | nude leaks
| celebrity nudes | celeb nudes | fappening | deepfake nudes | deep fake nudes | nudify | nudify app
| undress app | undress ai | ai nudes | remove clothes app | clothes remover | x ray app clothes

@pornography 3 eyfs-ks1=4 staff=2
sex | secks | sexx | seks | sexy | sexi | sexyy | sexxy | seksi | sexy girls | sexy women | sexy woman
| sexy girl | sexy ladies | sexy boys | sexy men | sexy pics | sexy pictures | sexy videos | sexy video
| sexy dance | sexy outfit | hot girls | hot women | hot babes | bikini girls | girls in bikinis
| girls in bikini | hot girls in bikinis | women in bikinis | lingerie | lingerie models | bra and knickers
| girls in underwear | women in underwear | underwear models | thong | thongs | twerk | twerking | twerk videos
| twerking videos | big booty | big butt | bum pics | kissing and touching 
| kissing videos | sexual | sexually | sexual content 
| adults only | over 18 only | mature content | boob | butt naked | grindr | bumble dating
| dating sites | hot singles | tiktok thots | thot | thots | ecchi anime | spicy anime | fanservice

@pornography 4 eyfs-ks1=4 ks2=3 staff=1
kissing naked | naked kissing

@pornography 3 eyfs-ks1=4 staff=1
dick | cock | cocks | escort | escorts | prostitute | prostitutes | hookers | hooker | brothel | bondage
| fetish | xxx sites | xxx com

@pornography 2 eyfs-ks1=3 staff=0
penis | vagina | clit | clitoris | erection | boner | how to kiss | how to french kiss | making out
| french kiss | booty

@rule pornography 4 eyfs-ks1=5 staff=4
free | watch | download | hd | best | hot | real | live | homemade | amateur + sex | sexy | nude | naked 
| porn | boobs | tits
girls | women | woman | girl | ladies | lady | men | man | boys | guys | mum | mom | couple + naked | nude
| nudes | topless | having sex | sex video | in the shower naked | getting naked | undressing
`;
