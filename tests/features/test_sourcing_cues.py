"""Sourcing cues that report nothing, and cues that report only in a given frame (issue 18):
passives without an agent, "called" naming a thing, "read" next to a quotation, "notes" and
"reports" after their speaker, adding things, participles as adjectives, evidence verbs that
find nothing, "show" and "suggest" after a data noun, a poll opening a sentence, "repeated" a claim, "continued:"
before a quotation, a relative "that said", "offered" something said, "talking about" a topic after it, "explain"
after its subject, "threatened by" a state, "states" after a document noun, a name "of" an organisation. Each rule
has sentences on which it fires and sentences on which it must not."""
from __future__ import annotations

import pytest

from features.sourcing import extract_sourcing
from features.text import parse


def _spans(text: str, kind: str) -> list[str]:
    return [text[s.start : s.end] for s in extract_sourcing(parse(text)).spans if s.kind == kind]


# (sentence, cue words that must not be cues there; None: no cue at all)
NO_CUE = [
    # a passive with no agent and no reported clause
    ("After charges were dismissed, the city of Chicago sued Smollett for the cost of the investigation.", None),
    ("Young women, who were routinely denied insurance due to gender-based rules, will pay less.", None),
    ("Couples began applying for licenses after the ruling was announced on Monday.", None),
    ("A bit after the outage, the hashtag was added to the trends list once again.", None),
    ("I am sure he will be described as a sick individual instead of a terrorist.", None),
    ("The story registers if the keyword is mentioned in the headline of the article.", None),
    # "called" naming a thing, "calls" the noun
    ("Scientists edited the cells through a genome editing tool called CRISPR.", None),
    ("Brandon Allen, a gay student who calls himself the Queen of Extra, was crowned king.", None),
    ("The FBI had been tracking virtual kidnapping calls from prisons in Mexico.", None),
    ("Barden now helps lead a program called Sandy Hook Promise.", None),
    # reading, not quoting
    ("As the judge read his decision, the defendant smiled at the jury.", None),
    ("Dorsey’s thread reads as a series of subtweets aimed at Facebook.", None),
    ("I got to know the hoodlums and read some of their case files.", None),
    # "per" a measure, "From" an unnamed giver: nothing relayed
    ("Prices rose by $5, per month.", None),
    ("He left.\n\nFrom our partners:\n\nBuy the new phone today.", None),
    # "according to" a rule or a measure: in keeping with, no source
    ("But the attempt did not quite go according to plan.", None),
    ("Vaccines will be distributed according to a set of principles.", None),
    ("Researchers measured web browsing behavior according to race.", None),
    # "shows" the noun, or footage and things that show: no report
    ("She has appeared on Sunday interview shows.", None),
    ("The footage shows student after student steaming over the plan.", None),
    ("He read the report. Video footage shows Brown becoming upset.", None),
    # a bare stem reports only before its that-clause: after "to" or a modal it is a plan
    ("On Tuesday, the president is expected to announce $800 billion in cuts.", None),
    ("The governor did not immediately announce whether he would appeal.", None),
    ("Maher and Igou conclude their paper with a table.", None),
    ("Marley Dias launched a reading campaign for black girls.", None),
    # "notes" and "reports" as nouns
    ("He put away his policy papers and disclosed personal notes to the magazine.", {"notes"}),
    ("I take her to the doctor and take notes about what she should be doing.", {"notes"}),
    ("New fundraising reports show the campaign raised $95 million.", {"reports"}),
    ("Multiple news reports and a detailed account contradict the claim.", {"reports"}),
    # adding things, participles as adjectives
    ("Trump has won the primary in Virginia, adding to his Super Tuesday victories in Massachusetts.", None),
    ("The critics alleged that their past policies had added $9 trillion to the debt.", {"added"}),
    ("The nuclear weapon states are adding new weapons and increasing their role.", None),
    ("The United States has by far the world's largest number of confirmed cases at more than a million.", None),
    ("The day-to-day news lacks the specifics of proposed solutions.", None),
    # evidence verbs that find nothing
    ("Critics bring up North Korea as if it shows what happens when you have a nuclear deal.", None),
    ("The simple act brought the community together because it showed empathy and compassion.", None),
    ("About 120,000 voters showed up in 2008 for the contest.", None),
    ("On a trip to coal country, I found myself in a remote valley.", None),
    # showing, not reporting data; a poll mentioned mid-sentence
    ("The ads focus on his plans for the economy or show images of his supporters.", None),
    ("The artists show their work at the gallery every spring.", None),
    ("Mrs. Clinton enjoys a strong lead in the polls but suffers from low trust.", None),
    ("In the report published on Monday the ministry listed its figures.", {"In"}),
    # "identified" as a participle
    ("A lady identified as Monisola has taken to Twitter to complain.", {"identified"}),
    ("The order halts travel from seven countries identified in a 2015 law as terror prone.", None),
    # asked to do something, writing as a plan
    ("Half of the volunteers were asked to think of a worldwide issue that made them sad.", None),
    ("Chip in $10 or more to help us continue to write about the issues that matter.", None),
    # "writing" a thing, or the noun: no quotation or that-clause follows
    ("She is writing a book about the campaign.", None),
    ("His writing on the war made him famous.", None),
    # "reportedly" hedges a claim (the guideline's hedge), it names no report
    ("Pinterest has reportedly banned the anti-abortion group.", None),
    ("The Paradise Papers reportedly pinpoint over 120 politicians.", None),
    # "continued" away from a quotation goes on doing, not speaking
    ("Despite the evidence, the media continued to condemn the students.", None),
    ("The positive tone continued the next night on the evening news.", None),
    ("The protests started with Kaepernick and continued through the season.", None),
    ("The fighting continues in the north, and talks continue in Geneva.", None),
    # a quotation before a later clause's verb is not that verb's quotation, an aside in commas or not
    ("“It is over,” he said, and the fighting continues in the north.", {"continues"}),
    ("“It is over,” he said, and she, like him, read the report.", {"read"}),
    # "say"/"tell" after a modal: a hypothetical, no report
    ("If that is true, they must tell the American people what they know.", None),
    ("I wish I could say I was surprised by the news.", None),
    ("Were Germany asked, she would say yes immediately.", {"say"}),
    # observing, not speaking: an observance kept by people, a lament as a noun
    ("The holiday is observed by millions of families.", None),
    ("Her lament for the old city filled the book.", None),
    # a cue word after a broadcaster's medium is a noun compound unless it is a verb form
    ("He gave a TV interview on Monday.", None),
    # "quoted" without "as saying" quotes no speaker
    ("The price quoted by the dealer was too high.", None),
    ("He quoted a figure of $3 million in his speech.", None),
    # (its "suggest" after the data noun reports, issue 18 stop 40)
    ("The TV reports suggest the storm is moving north.", {"reports"}),
    # taking to a place or a habit is no publishing; nor is a second verb after "and"
    ("Thousands took to the streets to protest the ruling.", None),
    ("She took to running at dawn to clear her head.", None),
    ("Ken Jennings took to Twitter and decided to campaign for the award.", None),
    # "demands" (mostly the noun: "union demands", "U.S. demands") and "demanding" as an adjective report nothing
    ("The job demands patience and long hours.", None),
    ("It is a demanding job, and nurses face the demands of the pandemic.", None),
    ("Corporations couldn’t keep up with militant union demands, and China balked at U.S. demands on trade.", None),
    # "the following" that names no statement
    ("The museum released the following year a new catalogue.", None),
    # a passive "asked" whose subject is asked to act, or is the question itself: no one is reported (issue 18)
    ("Finally, participants were then asked to rate themselves on a scale of one to seven.", None),
    ("Since the question was first asked in 1974, television has led.", None),
    ("There is also a reasonable question to be asked about the cost.", None),
    # "attacked" beside another verb of violence or with a weapon is violence, no report (issue 18)
    ("Police forces have regularly attacked and arrested journalists at protests.", None),
    ("Federal agents attacked a group of protesters and journalists with tear gas.", None),
    ("The report denied help to those attacked and killed by terrorists.", {"attacked"}),
    # being ruled, or characterized by a trait, reports nothing
    ("The cities of the Confederacy are ruled by black mayors.", None),
    ("For years egalitarianism ruled and all citizens owned the land.", None),
    ("Many campuses have become characterized by speech codes.", None),
    # inside a quotation an active stance and a passive of another verb stay the speaker's words
    ("“They accused him of cheating on the test,” he said.", {"accused"}),
    ("“The team has been accustomed to winning for years,” he said.", {"accustomed"}),
    ("“The team was asked of nothing at all,” the coach said.", {"asked"}),
    # a verb after a quotation is a speech tag only after its speaker's name or pronoun and before the clause ends
    ('He hoisted a sign that read "15%!" Her father, Brad, worried about the cost.', {"worried"}),
    ("“Who is next?” The crowd waited for an answer.", {"waited"}),
    ("“It will pass,” he said. Norquist summarized the bill for the committee.", {"summarized"}),
    ('After she died, "a local sheik told a radio station that she had confessed."', {"died"}),
    ('"It took years to get the Affordable Care Act passed," Clinton said.', {"passed"}),
    # a teaser headline set in title case below the first line reports nothing in the body (issue 18)
    ("The senators met on Monday.\nADVERTISEMENT Doctor Says Don't Cover Up Your Dark Spots - (Try This Instead)\n"
     "They left at noon.", None),
    ("The senators met.\nMore Stories: Marco Rubio Responds To Question About Minimum Wage By Saying Less\n", None),
    # set phrases in which the verb reports nothing (issue 18)
    ("That being said, there are some promising new treatments.", None),
    ("All told, super PACs and other outside groups spent more than $2.5 million.", None),
    ("It captures emissions from, say, an oil refinery before they escape.", None),
    ("Then yes, they are in accordance with said values.", None),
    ("And suffice it to say, the reversals on trade are notable.", None),
    ("The problem is that voters had no say in what kind of government works.", None),
    # a finding verb whose subject is no study, even with a study a few words back
    ("The poll closed early on Tuesday, and rescuers then found two survivors.", {"found"}),
    ("A man from the small town near the old mill found the wallet.", {"found"}),
    # "continued" away from any quotation narrates, whatever marks the text uses
    ("''We won,'' he said. The talks continued for an hour after that.", {"continued"}),
    # "referring to" glosses reported words only after a comma; with an auxiliary it narrates
    ("The senator was apparently referring to the indictments against two congressmen.", {"referring to"}),
    ("The newspaper is referring to Crimea, a Russian province for 300 years.", {"referring to"}),
    # a verb after a quoted title, with no name ending the clause, is no tag
    ("He hummed “All Right Now,” crossed Main Street and left the rally.", {"crossed"}),
    ("The band played “Free Bird,” received by Tuesday's crowd with cheers.", {"received"}),
    # nor after a quotation inside the clause, an object or a title, with a place ending the clause (issue 18)
    ('After the talks, the delegation praised the "warm welcome," visited Paris. Then it flew home.', {"visited"}),
    ("The senator called the trip “a wonderful experience,” toured Berlin. He flew home.", {"toured"}),
    # the noun "say" after any determiner, adjective of amount or possessive (issue 18)
    ("Workers want a greater say in how the plant is run.", None),
    ("The plan gives states more say on spending decisions.", None),
    ("The law gives parents their say over the school budget.", None),
    ("Unions want far more say in how the plant is run.", None),
    ("Workers demanded better pay and more say in decisions about safety.", {"say"}),
    # a participle between a noun's possessive and its noun is an adjective (issue 18)
    ("He backed the president’s proposed budget for the coming year.", None),
    ("The coalition took Mosul and ISIS’s declared capital in Raqqa.", None),
    ("“We took Mosul and ISIS’s declared capital in Raqqa,” the general said.", {"declared"}),
    # a closing single quote read as a plural's possessive: a passive participle, no report (so "for" stays out of
    # the words after which the participle is a verb)
    ("Facebook bans ‘dangerous individuals’ cited for hate speech\nThe company said on Thursday it acted.", {"cited"}),
    # inside a quotation "declared" reports only after a third person or a name (issue 18)
    ("“We declared bankruptcy in May,” the owner said.", {"declared"}),
    # an upper-case teaser line with no full stop stays a headline (issue 18)
    ("Officials met on Monday.\nTHE GOVERNOR SAYS THE STATE WILL REOPEN SCHOOLS NEXT WEEK\nReporters left.", None),
    # bare "suggest" without a data noun proposes; "repeated" as an adjective; "continued" ending a line with no
    # colon; "That said," opening a sentence (issue 18)
    ("I would just suggest they read the statistics about where we were.", None),
    ("Trump’s repeated accusations and offensive rhetoric toward Muslims will be used as a recruiting tool.", None),
    ("The experiment was repeated the next day with a larger sample.", None),
    ("The lab repeated the experiment twice before it published the results.", None),
    ("The tour continued\n\n“Rock Me Baby” closed the second set.", None),
    ("That said, “Hamilton” is still the hottest ticket on Broadway.", None),
    # "offered" before a thing, a chance or an act, or before nothing said; "talking about" with its topic named
    # before it; bare "explain" after "helps" or a modal, and "explain away" (issue 18)
    ("Correa offered Wikileaks journalist Julian Assange asylum in 2012.", None),
    ("Members enroll in private plans offered through the state's insurance exchange.", None),
    ("Christie offered to hear Democrats’ proposals for breaking the impasse, saying: “It should end.”", {"offered"}),
    ("On China, Buttigieg offered no detail about how he would treat trade.", None),
    ("The White House said Ruddy hadn’t known what the hell he was talking about, and the base ignored it.",
     {"talking about"}),
    ("The mood is exactly what we've been talking about all week.", None),
    ("Three factors help explain the unusual trend.", None),
    ("That could explain the suicides by people who aren't facing serious charges.", None),
    ("He helped Stone concoct a cover story to explain away that suspicious tweet.", None),
    # "threatened by"/"threatened with": a state, no threat made (issue 18)
    ("In some ways Iran is an easy target. Sunni Arabs feel threatened by Iran and compete with it.", None),
    ("The rally supports immigrant children threatened with deportation.", None),
    # ", called <name>" after a common noun names it: no one speaks (issue 18)
    ("The vaccine, called AZD1222, has been described as the leading candidate.", {"called"}),
    ("But analysts say the repeal-and-replace plan, called the American Health Care Act, shows how hard it is.",
     {"called"}),
    ("It would repeal a provision in the current farm bill, called “permanent law,” that causes prices to revert.",
     {"called"}),
    ("Smaller drops, called aerosols, are launched when a person speaks.", {"called"}),
    # "calls" as the noun: after a preposition, a quantifier, a possessive or a number, or before its callers
    # (issue 18)
    ("Patrol officers responded to calls at 2:55pm about a vehicle parked off Gap Creek Drive.", {"calls"}),
    ("Those calls came a day after House Speaker Nancy Pelosi opened the door to an inquiry.", {"calls"}),
    ("The moves don’t come close to meeting activists’ calls for a $15 an hour minimum wage.", {"calls for"}),
    ("Sheriffs responded to 911 calls at about 11.20pm.", {"calls"}),
    ("Despite calls from the health care industry, the payments stopped.", {"calls"}),
    # "showed" displaying: after a picture, or before a quality shown (issue 18)
    ("Surveillance video showed the gunman entering the church Wednesday night.", {"showed"}),
    ("Videos posted on social media showed passengers grabbing for oxygen masks.", {"showed"}),
    ("Republicans on Wednesday showed no signs of warming up to the president’s positions.", {"showed"}),
    ("Murphy began speaking at 11:21 a.m., and he showed few signs of fatigue as it ended.", {"showed"}),
    # "expressed by" after a noun; "responded to" a call or a scene (issue 18)
    ("It echoed the anti-monopolist tech sentiments expressed by other Democratic candidates.", {"expressed"}),
    ("The opinions expressed by columnists are their own.", {"expressed"}),
    ("Police Commander Paul Bauer responded to a call in the Loop and caught up with a suspect.", {"responded"}),
    ("Sheriffs responded to 911 calls at about 11.20pm.", {"responded"}),
    # "deny" refusing a thing: before what is granted, or a person and what they are refused (issue 18)
    ("In federal court earlier Monday, a judge denied a request from the American Civil Liberties Union.", {"denied"}),
    ("He reiterated the longstanding U.S. policy to deny Iran a nuclear weapon.", {"deny"}),
    ("North Korean border authorities denied entry to South Koreans who manage the factories.", {"denied"}),
    # "states" with no "that" is the noun unless a document noun stands right before it (issue 18)
    ("The poll surveyed voters in the battleground states: Ohio, Iowa and Florida.", {"states"}),
    ("The memo went to the governors of many states.", {"states"}),
    ("Those states that voted for him got less money.", {"states"}),
]


@pytest.mark.parametrize("text, banned", NO_CUE)
def test_no_cue(text: str, banned: set[str] | None) -> None:
    cues = _spans(text, "attribution")
    if banned is None:
        assert cues == []
    else:
        assert not banned & set(cues)


# (sentence, cue, its source or None when the test is about the cue only)
CUE = [
    # an agent or a reported clause follows a passive: someone said it
    ("O’Malley’s move was first reported by MSNBC on Friday.", "first reported", None),
    ("It was reported that the president’s son watched the speech.", "reported", None),
    # being asked or accused reports what someone said to or of the subject
    ("The pope was asked whether Europe should accept more migrants.", "asked", None),
    ("Hunter is accused of spending campaign funds on personal expenses.", "accused", None),
    ("The ministry announced on Monday that the border would reopen.", "announced", "The ministry"),
    # "called" with a speaker
    ("Former Florida Gov. Jeb Bush called Trump “unhinged” on Twitter.", "called", "Former Florida Gov. Jeb Bush"),
    ("The new report calls on states to uphold the rights of indigenous peoples.", "calls on", "The new report"),
    ("Gowdy’s office calls the whole thing a distraction.", "calls", None),
    ("The former first lady calls it her responsibility gene.", "calls", None),
    ("Trump said he did not know that she’d called George Washington a traitor.", "called", None),
    # "read" next to a quotation
    ("“Nearly 40 percent of the false matches were people of color,” read the report.", "read", "the report"),
    ("“THIS SITE IS NOW UNDER OUR CONTROL,” the post read.", "read", "the post"),
    ("The office of McCain sent a statement that read, “On Friday, Sen. John McCain underwent surgery.”",
     "read", None),
    ("His wife Cindy posted a message on Instagram reading: “Thank all of you for the wonderful wishes.”",
     "reading", None),
    # "notes" and "reports" after their speaker
    ("“Cruz is there in terms of having the same positions,” Viguerie notes.", "notes", "Viguerie"),
    ("For example, Schweizer notes the foundation hid four donations.", "notes", "Schweizer"),
    ("The group does not consider Patriot Prayer to be a hate group, reports Fox News.", "reports", "Fox News"),
    ("Palm Beach County Animal Care reports officers have rescued 49 animals.", "reports",
     "Palm Beach County Animal Care"),
    # "added" reporting words
    ("Anonymous later added, “To be clear, we’re saying they weren’t hacked.”", "added", None),
    ("“It’s Bernie’s to lose at this point,” added another New Hampshire Democrat.", "added", None),
    ("He added that the talks would resume on Monday.", "added", "He"),
    # evidence verbs and data nouns that report a finding
    ("Last year’s FBI statistics show that the numbers in the tweet are wrong.", "show", None),
    ("The study was published in May, and it found that premiums would rise.", "found", None),
    ("FEC records show he backed both candidates in 2008.", "show", "FEC records"),
    ("Nearly one million dollars arrived in February alone, new fundraising reports show.", "show",
     "new fundraising reports"),
    ("Despite polls showing her well behind, Clinton campaigned in the state.", "showing", None),
    ("But experts note that despite the new limits, there are loopholes.", "note", "experts"),
    # "identified ... as": naming someone reports what the speaker found
    ("On Sunday, the Greenville County coroner identified the man as Ramiro Bravo Ramirez, 34.", "identified",
     None),
    # "write" and "deny" as reporting verbs
    ("“Disillusioning experiences motivate a search for meaning,” write the two psychologists.", "write",
     "the two psychologists"),
    ("“Echo chambers intensify impressions that one's views are popular,” they write.", "write", None),
    ("Both senators deny that they traded on information from the briefing.", "deny", "Both senators"),
    # manner-of-speaking verbs report what was said
    ("“It’s not justified!” seethed one of the students.", "seethed", "one of the students"),
    ("“They have to oppose it,” Phillips observed in a Fox News interview.", "observed", "Phillips"),
    ("Roth sneered at so-called flyover states.", "sneered", None),
    ("NBC anchor Lester Holt fretted that ending the law could leave millions uninsured.", "fretted", None),
    ("Analysts cautioned that the recovery would be slow.", "cautioned", "Analysts"),
    ("Others, however, point out that the plan costs less.", "point out", None),
    # "continued" next to its quotation, in double or single marks
    ("“We will not stop,” he continued. “Not now.”", "continued", "he"),
    ("'He was the Attorney General,' he continued, without noticing the error.", "continued", "he"),
    ("The statement continued, “Senator McCain appreciates the support.”", "continued", "The statement"),
    # "continues" likewise, and "read" after a quotation across the speaker's aside in commas (issue 18)
    ("“Keep my name out of your mouth,” he continues. “Do not re-tweet anything.”", "continues", "he"),
    ('"Get that statement," the statement, obtained by PEOPLE, read. "Trump is not prepared."', "read",
     "the statement"),
    # the one asked a question, or the question with its asker, still reports
    ("During the town hall, Biden was asked a question by a member of the audience.", "asked", None),
    ("Trump repeated a question Ford was asked by the committee.", "asked", None),
    ("The reporter asked Trump if he would be sorry to see her go.", "asked", "The reporter"),
    # "attacked" in words stays a stance cue, with or without its reason
    ("The media relentlessly attacked Trump for saying both sides were to blame.", "attacked", "The media"),
    ("As a candidate, Trump regularly attacked President Barack Obama and his record.", "attacked", "Trump"),
    # a bare "say" with no modal still reports
    ("Officials say the plan will fail.", "say", "Officials"),
    # "writing" right before the quotation or that-clause it introduces
    ("Trump weighed in, writing on Twitter: “Google is rigged.”", "writing", "Trump"),
    ("In October, he replied to a fan on Instagram, writing, \"With respect, you are wrong.\"", "writing", None),
    ("The senator answered the letter, writing that the bill would fail.", "writing", None),
    # "shows" after a data noun, maybe across a short phrase
    ("The latest Rasmussen Reports polling in Wisconsin shows the president up by 2 points.", "shows", None),
    ("A new Gallup poll shows Biden ahead.", "shows", "A new Gallup poll"),
    # ... but a source after "according to" still speaks, even the author of a plan
    ("According to the plan’s author, the plan failed.", "According to", "the plan’s author"),
    ("The plan failed, according to his grandson.", "according to", "his grandson"),
    # a passage relayed from a named source: a "From X:" line before it, ", per X" after it
    ("He left.\n\nFrom NBC News:\n\nIn his letter, he wrote that he would divest.", "From", "NBC News"),
    ("No, I don’t like it. This is from the U-T San Diego:\n\nTeachers are classified as workers.", "from",
     "the U-T San Diego"),
    ("“Nothing happened to her,” said Trump, per Politico.", "per", "Politico"),
    # inflections of listed reporting verbs
    ("Our task force urges representatives to prohibit political manipulation.", "urges", "Our task force"),
    ("The Atlantic blames Jews.", "blames", "The Atlantic"),
    ("Rice adviser Eric Pelofsky emailed that he was “very, very worried.”", "emailed", "Rice adviser Eric Pelofsky"),
    ("Chris Ruddy had outlined the contours of the same story back in June.", "outlined", "Chris Ruddy"),
    ("Maher and Igou conclude that the slide can be halted.", "conclude", None),
    ("When the police chief announce that the suspect was found, Trump tweeted.", "announce", None),
    # a poll opening the sentence frames its finding
    ("In a CBS News poll last month, 38 percent of voters backed the plan.", "In", "a CBS News poll"),
    # a broadcaster named by its medium reports ("Press TV said"), as any outlet does
    ('"The tests do not violate the deal," Iran\'s Press TV said in a report.', "said", "Iran's Press TV"),
    ("State radio said the president had left the country.", "said", "State radio"),
    # taking to a medium to do something publishes it; the one who took to it speaks
    ("Trump took to Twitter Saturday evening to criticize the briefings.",
     "took to Twitter Saturday evening to criticize", "Trump"),
    ("Many people have taken to social media to call out Trump after his comments.",
     "taken to social media to call out", "Many people"),
    # demanding is a speech act, as urging is
    ("Byrne’s attorney demanded a retraction for the false statements.", "demanded", "Byrne’s attorney"),
    ("The lawmakers are also demanding the president fire the officials.", "demanding", "The lawmakers"),
    # a statement announced as "the following" before it is given
    ("Rep. Mark Pocan released the following statement after the vote:", "released the following", "Rep. Mark Pocan"),
    ("The police suspended him, issuing the following statement: “We are ashamed.”", "issuing the following",
     "The police"),
    # a court's ruling and a description "as" something are attributed to their speaker
    ("A federal appeals court ruled Wednesday that the law stands.", "ruled", "A federal appeals court"),
    ("Gabbard characterized paid political advertising as free speech.", "characterized", "Gabbard"),
    # a sentence run into the last one without a space opens with its subject
    ("Coal use will rise in Asia and Africa.The EIA predicts a 50% increase in energy use.", "predicts", "The EIA"),
    # the closing mark typed as two apostrophes ends the quotation, so its speaker is found
    ("The council met. “We are honored to lead in the world,’’ said Marsha Gordon, the council’s president.",
     "said", "Marsha Gordon"),
    # a passive accusation reports one inside a quotation or a paraphrase too
    ("“Huma Abedin has been accused of disregarding basic security protocols,” he wrote.", "accused", None),
    ("Journalists such as Bill Smith have been accused of trading facts for ratings, he said.", "accused", None),
    # a speech verb the lexicon lacks, in the speech tag after a quotation (issue 18)
    ("“That was a lie that he cut taxes,” Norquist summarized. “He raised them again.”", "summarized", "Norquist"),
    ("“Would it be negotiable?” Hannity pressed. “Maybe let some people stay.”", "pressed", "Hannity"),
    ("“You know, it happens, right?” Trump went on, as if he did not hear her.", "went on", "Trump"),
    ("Norquist went on, “[H]e raised taxes and said it was temporary.”", "went on", "Norquist"),
    ("Asked which county was his favorite, he demurred: “Whichever one I’m in at the moment.”", "demurred", "he"),
    # a study or poll that finds, its noun a long phrase before the verb (issue 18)
    ("A poll from Marquette Law School released Wednesday found Clinton leading by 15 points.", "found", None),
    ("Few students graduate on time, a study by the Council of the Great City Schools found.", "found",
     "a study by the Council of the Great City Schools"),
    # quotation marks typed as two apostrophes frame a speech tag as curly marks do (issue 18)
    ("''To date,'' she continued, ''there has not been much interest in this.''", "continued", "she"),
    ("He paused. ''We have work to do,'' the senator continued.", "continued", "the senator"),
    # "referring to" after a comma glosses the words just reported (issue 18)
    ("“We need steady hands,” Clinton told AIPAC, referring to the business mogul.", "referring to", None),
    ("“It was market timing,” Mr. Hedge said, referring to the two resorts.", "referring to", None),
    # a title-case first line is the article's own title; a capitalised cue opening a sentence is no headline
    ("Trump Says He Will Win The Election In November\nTrump spoke on Monday.", "Says", "Trump"),
    ("The vote was close.\nSaid the Governor: “We Will Appeal The Ruling.”", "Said", None),
    ("Jobs rose.\nUpdate at 9:40 a.m. But Obama's Policies Still Aren't Working, Boehner Says:\n“Some good news.”",
     "Says", "Boehner"),
    # the same words outside the set phrases report
    ("That being the case, Smith said the plan would fail.", "said", "Smith"),
    ("All of the senators told reporters the plan would fail.", "told", None),
    ("Voters say, in poll after poll, that the plan will fail.", "say", "Voters"),
    ("The mayor has said values matter more than money.", "said", "The mayor"),
    # the tag inverted, the verb before the name ending the clause (issue 18)
    ("“This is fantastic!” beamed Donald Hartley of Madison, Alabama, who snuck onto the floor.", "beamed",
     "Donald Hartley of Madison"),
    ("“Our ideas of success are different,” agrees Michelle Stevens, 30, of Gainesville, Fla.", "agrees",
     "Michelle Stevens"),
    ("“What sport is he talking about? Is Obama profiling?” reacted Trump. He left.", "reacted", "Trump"),
    ("“It is a study of attitudes and behavior,” concludes Tucker. The data are public.", "concludes", "Tucker"),
    ('The crowd cheered. "It is over," reacted Trump.', "reacted", "Trump"),
    ("It began with a cake, “it was a fiasco,” chuckles Maria Loucraft, a utilities manager.", "chuckles",
     "Maria Loucraft"),
    # a speaker's report inside a quotation with "declared", like the author's (issue 18)
    ("“Former Vice President Dick Cheney declared, ‘The administration deserves credit,’” the senator wrote.",
     "declared", "Former Vice President Dick Cheney"),
    # the same participle before a clause, an object or a time is a verb after "’s" (has) or a name in "'s"
    ("The governor’s proposed that the wall be built by May.", "proposed", None),
    ("McDonald's announced Wednesday it was raising wages for its workers.", "announced", "McDonald's"),
    ("In December, Standard & Poor’s released a report on the premium hikes.", "released", None),
    # ... or before a pronoun or an adverb of the verb: no adjective stands there
    ("Walmart's announced it will close 20 stores in the state.", "announced", "Walmart's"),
    ("The president's warned repeatedly that the deal is dead.", "warned", "The president's"),
    # "more" standing for people before "say", at a sentence's start or after "many" (issue 18)
    ("Fewer voters back the plan. More say in interviews that they oppose it.", "say", None),
    ("Many more say on social media that they oppose it.", "say", None),
    # a body line set in capitals ends its sentences with full stops: no teaser headline (issue 18)
    ("Officials met on Monday.\nTHE GOVERNOR SAID THE STATE WILL REOPEN SCHOOLS NEXT WEEK. HE SPOKE AT A BRIEFING.\n"
     "Reporters left.", "SAID", "THE GOVERNOR"),
    # bare "suggest" after a data noun reports what the data say (issue 18)
    ("Polls suggest Kasich has the best chance of beating Clinton in November.", "suggest", "Polls"),
    # "repeated" before "that" or a determiner and a noun of something said (issue 18)
    ("On Tuesday, Obama repeated his contention that identifying the plot was hard.", "repeated", "Obama"),
    ("Asked if Congress would avoid a shutdown, Boehner repeated that he is waiting for the Senate.", "repeated",
     "Boehner"),
    # "continued:" ending a paragraph introduces the quotation of the next (issue 18)
    ("Cruz continued:\n\n“You look at the questions: Donald Trump is wrong on every one.”", "continued", "Cruz"),
    # a relative "that said" before its quotation; the phrase it stands for bears the words (issue 18)
    ("The page was replaced by a message that said, “Sorry, but the item you have requested is gone.”", "said",
     "a message"),
    # the twins of the rows above that must still fire: "offered" before something said or a quotation,
    # "talking about" before its topic, "explain" after its subject (issue 18)
    ("Arizona GOP Rep. Paul Gosar offered a blunt assessment of the testimony.", "offered",
     "Arizona GOP Rep. Paul Gosar"),
    ("Scott Brown offered his own supportive take: “The election’s not tomorrow.”", "offered", "Scott Brown"),
    ("President Donald Trump offered his fellow Republicans a new slogan in their fight for wall funding.", "offered",
     "President Donald Trump"),
    ("Rep. Tim Huelskamp offered his own re-enactment of the decision:\n\n“I'm out,” he said.", "offered",
     "Rep. Tim Huelskamp"),
    ("Fed officials have recently talked about “optimism and acceleration in capital spending.”", "talked about",
     "Fed officials"),
    ("They're talking about a $100 million race in Florida.", "talking about", None),
    ("The block grant also provides states with new options, the researchers explain.", "explain", "the researchers"),
    ("Byrne has threatened similar legal action against the president of the association.", "threatened", "Byrne"),
    # the twins of the ", called" rows: a speaker before the comma, or a judgement after the name (issue 18)
    ("Sen. Mitt Romney, R-Utah, called the slams on Vindman “absurd, disgusting and way out of line.”", "called",
     "Sen. Mitt Romney"),
    ("Obama, speaking in the Rose Garden, called Rice a “tireless advocate” for America.", "called", "Obama"),
    ("The chairman, flanked by the parents, called it “a pretty shameful day for Washington.”", "called",
     "The chairman"),
    # the twins of the "calls" rows: the verb after its subject (issue 18)
    ("He shares his compelling story and calls for a referendum on the nation’s identity.", "calls for", None),
    ("Activist Sarah Lee calls for a $15 an hour minimum wage.", "calls for", "Activist Sarah Lee"),
    # the twins of the "showed" rows: a poll shows, and a video shows that (issue 18)
    ("A Fox News poll last week also showed 59 percent of voters surveyed oppose the law.", "showed", None),
    ("Video of the incident showed that Scott had done no such thing.", "showed", "Video"),
    # the twins of the "expressed by" and "responded to" rows: a passive, a reply (issue 18)
    ("A similar sentiment has been expressed by House Speaker Paul Ryan.", "expressed", None),
    ("Miranda has responded to calls for its cancellation by politely admitting fault.", "responded", "Miranda"),
    ("Rubio responded to the question that Trump had been ridiculing him.", "responded", "Rubio"),
    # the twins of the "deny" rows: a claim denied (issue 18)
    ("Trump has denied any wrongdoing and branded the investigation a hoax.", "denied", "Trump"),
    ("Biden denies the allegation.", "denies", "Biden"),
    ("He denied Friday the allegations made by his former aide.", "denied", "He"),
    # a document "states" its words, closing or opening the quotation (issue 18)
    ("“Lying to the FBI, in any context, cannot be tolerated,” the memo states. It was sent in May.", "states",
     "the memo"),
    ("The letter also states: “In light of the outbreak, we ask for more time.”", "states", "The letter"),
    ("“Guests must wear face coverings when not eating,” the guidance states.", "states", "the guidance"),
    # the agent after "first reported by" (issue 18)
    ("The airstrike, first reported by CNN, came hours before the news conference.", "first reported", "CNN"),
    # a court's panel speaks when it is definite (issue 18)
    ("The tribunal had no jurisdiction to try suspects for those crimes, said the appeals court panel.", "said",
     "the appeals court panel"),
    # the name set beside a role speaks, without the organisation it is "of" (issue 18)
    ("Another computer researcher, Richard Clayton of Cambridge University, said it was just plain weird.", "said",
     "Richard Clayton"),
]


@pytest.mark.parametrize("text, cue, source", CUE)
def test_cue(text: str, cue: str, source: str | None) -> None:
    assert cue in _spans(text, "attribution")
    if source is not None:
        assert source in _spans(text, "source")


# (sentence, a phrase that must not be a source there): after a relative "that said" only a phrase opening with its
# determiner and holding no preposition bears the words (issue 18)
NOT_SOURCE = [
    ("I remember he was wearing a button on his left lapel that said “Never.” He thought he was a general.",
     "his left lapel"),
    ("Counter-protesters marched toward the hotel with signs that said “America you need to bless God.”",
     "marched toward the hotel with signs"),
    # a name inside the phrase a relative clause qualifies is not the speaker of the clause's cue (issue 18)
    ("The congressional panel that got the most Facebook contributions is the House Energy and Commerce Committee, "
     "which said Wednesday that it would hold a hearing.", "Facebook"),
    # an organisation's name holding "of" is one name, not a person before it (issue 18)
    ("The country's largest police union, the Fraternal Order of Police, said it was committed to reform.",
     "the Fraternal Order"),
]


@pytest.mark.parametrize("text, phrase", NOT_SOURCE)
def test_not_source(text: str, phrase: str) -> None:
    assert "said" in _spans(text, "attribution")
    assert phrase not in _spans(text, "source")
