/** English: drugs, alcohol and vaping; gambling. UKSIC "drugs / substance abuse", "gambling". */
export const EN_SUBSTANCES = String.raw`
@drugs 5 staff=4
how to sell drugs | how to sell weed | selling drugs at school | sell drugs at school | how to deal drugs
| how to become a drug dealer | become a drug dealer | drug dealer job | county lines | county lines jobs
| county lines job | going country | going cunch | trap house | trap line | run a line | running a line
| carry drugs for money | carry a package for money | deliver packages for cash | plugging drugs | plug drugs
| how to make meth | how to cook meth | cook meth | meth recipe | how to make crack | make crack cocaine
| how to make lsd | how to make mdma | how to make ketamine | how to make heroin | how to make fentanyl | fentanyl
| how to make drugs at home | make drugs at home

@drugs 4 staff=4
buy weed | buy weed online | weed for sale | where to buy weed | where can i buy weed | how to buy weed
| how to get weed | where to get weed | weed dealer | weed dealers near me | buy cannabis | cannabis for sale
| buy cocaine | cocaine for sale | where to buy cocaine | how to get cocaine | coke for sale | buy coke
| where to buy drugs | how to buy drugs | buy drugs online | drugs for sale | dark web drugs | buy mdma
| buy ecstasy | buy ketamine | buy lsd | buy shrooms | buy xanax | xanax without prescription | buy xans
| how to get xanax | buy valium | buy diazepam | buy codeine | buy tramadol | buy oxycodone | buy percocet
| buy edibles | edibles for sale | thc vape for sale | buy thc vape | thc carts | thc cart | buy thc
| cocaine | cocain | cocaien | cocane | coke line | line of coke | lines of coke | snort coke
| snorting coke | how to snort | sniff coke | ket | ketamine | k hole | mdma | molly pills
| ecstasy pills | pills to get high | lsd | acid tabs | acid trip | tripping on acid | heroin | smack heroin
| crack cocaine | crack pipe | meth | crystal meth | methamphetamine | speed pills | amphetamine | amphetamines
| spice drug | spice zombie | mamba drug | black mamba drug | monkey dust | mcat
| mephedrone | nitrous oxide balloons | nos balloons | nitrous balloons | laughing gas balloons | hippie crack
| how to do nos | whippits | nos canisters | xanax | xans | xannies | benzos | valium | percs
| percocet | lean drink | purple drank | sizzurp | dirty sprite | codeine lean | how to make lean
| promethazine | dxm | robotripping | robo tripping | how to get high | how to get high at home
| how to get high legally | how to get high fast | ways to get high | get high on | how to trip | how to get stoned
| getting stoned | get stoned | how to get drunk | how to get drunk fast | how to get drunk quickly | get drunk fast
| how to get drunk at | drunk at 12 | drunk at 11 | how to buy alcohol under 18 | buy alcohol underage
| how to hide alcohol | how to hide weed | hide weed from parents | hide drugs from parents | pass a drug test
| how to pass a drug test | magic mushrooms | magic mushroom | shrooms | psilocybin | liberty caps | dmt | ayahuasca
| how to grow weed | how to grow cannabis | grow weed at home | how to roll a joint | roll a joint | rolling a joint
| how to make a bong | homemade bong | how to smoke weed | smoke weed | smoking weed | weed brownies
| pot brownies | space cake | space cakes | edibles | edible gummies | thc gummies | thc | dab pen | wax pen
| cannabis oil | hashish | skunk weed | kush | og kush | bud weed | marijuana
| marjuana | mariuana | marijana | marihuana | maryjane | mary jane weed | ganja | spliff | spliffs
| reefer | high af | so high rn | crossfaded | drugs dealer | plug me

@drugs 3 staff=2
weed | stoner | stoners | roll a blunt | smoke a blunt | bong hit | sip lean | cannabis | cbd gummies | what does weed do | what do drugs do | what does cocaine do
| what is cocaine | what is weed | what does it feel like to be high | is weed bad | effects of drugs
| vape | vapes | vaping | vape pen | vape shop | vape shops | vape shop near me | how to hide a vape
| hide my vape | hide vape from parents | how to hide vape | how to buy a vape | buy vape under 18
| vape under 18 | buy a vape under 18 | disposable vape | disposable vapes | elf bar | elfbar | elf bars
| lost mary | lost mary vape | geek bar | crystal bar vape | ske crystal | hayati vape | juul | nicotine pouches
| snus | zyn pouches | how to smoke | how to smoke without parents knowing | smoke without parents knowing
| how to buy cigarettes | buy cigarettes under 18 | cigarettes under 18 | buy cigs 
| alcohol under 18 | drinking alcohol at 12 | drunk | getting drunk | vodka | how much vodka
| shots of vodka | alcoholic drinks | beer pong | drinking games

@drugs 2 staff=1
drugs | drug

@drugs 1 staff=0
drug addiction | drug abuse | addiction | rehab | alcoholic | alcoholism | smoking | cigarettes | cigarette
| tobacco | nicotine | alcohol | beer | wine | cider

@rule drugs 4 staff=3
$how | where to | where can i | where do i + buy | get | find | order | grow | make | cook | smoke | snort
| inject + weed | cannabis | cocaine | mdma | ketamine | ket | lsd | shrooms | meth | heroin
| xanax | drugs | spice | edibles | thc | hashish | weed pen | thc vape | molly | ecstasy

@gambling 3
online casino | online casinos | casino online | casino games | casino games real money | real money casino
| casino sites | casino bonus | casino no deposit | bet365 | bet 365 | betway | paddy power | paddypower
| sky bet | skybet | william hill | ladbrokes | coral betting | betfair | betfred | unibet | 888 casino | 888casino
| 888 poker | 888poker | pokerstars | poker stars | mr green casino | jackpotjoy | jackpot joy | foxy bingo
| gala bingo | mecca bingo | tombola bingo | virgin bet | betvictor | boylesports | bwin | betsson | stake casino
| stake com | stake.com | roobet | rollbit | free spins | free spin | free spins no deposit | no deposit bonus
| deposit bonus | slot games | online slots | slots online | slot machine | slot machines | fruit machines
| play slots | spin to win real money | online roulette | how to win at roulette | roulette strategy
| roulette tips | online blackjack | blackjack online | blackjack strategy | how to win at blackjack
| poker online | online poker | texas holdem online | how to win at poker | sports betting | betting tips
| football betting | football bets | betting odds | accumulator tips | acca tips | accas
| in play betting | horse racing tips | bet on football | bet on horses | how to bet | how to place a bet
| betting sites | betting apps | betting app | bookies | bookmakers | csgo gambling | cs go gambling | csgo betting
| csgo skins gambling | csgo skin gambling | skin gambling | skin betting | skins betting 
| case opening sites | case battle | csgoempire | csgo empire | csgoroll | hellcase | keydrop
| roblox gambling | robux gambling | bloxflip | blox flip | rbxflip | gamble robux | gamble skins
| how to gamble under 18 | gamble under 18 | bet under 18 | how to bet under 18 | betting under 18
| gambling sites that dont need id | casino without id | casino no id | no id casino | no verification casino
| crypto casino | crypto gambling | bitcoin casino | plinko real money | crash gambling | mines gambling

@gambling 2
roulette | blackjack | gambling | gamble | gambler | how to gamble | gambling games | gambling addiction | gambling addiction help
| scratch cards | scratchcards | scratch card | euromillions | lotto results | lottery results
| how to win the lottery | win the lottery | bingo online | online bingo | loot boxes | loot box | lootbox
| spin the wheel real money | betting

@gambling 1
lottery | lotto | gacha | gacha pulls | fifa packs | fut packs | pack opening

@rule gambling 3
$how + win | make money | cheat | beat + casino | slots | roulette | blackjack | poker | betting | bookies
| the bookies | scratch cards | gambling
`;
