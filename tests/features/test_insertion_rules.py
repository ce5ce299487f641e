"""Line-labelling rules of the insertion detector, on real lines from scraped news."""
from __future__ import annotations

import pytest

from features.insertion_rules import Line, _promo_rules, line_sizes, mark_edge_lists, rule_labels, split_lines
from tests.features.insertion_lines import BODY, BODY2, LATER, flagged_lines, marked_lines
from tests.samples import SAMPLES


def test_lines_are_stripped_with_offsets_into_the_text():
    text = "  READ ALSO: Rates held  \n\n\tThe vote was close.\n"
    lines = split_lines(text)
    assert lines == [Line(2, 23, "READ ALSO: Rates held"), Line(28, 47, "The vote was close.")]
    assert all(text[ln.start:ln.end] == ln.text for ln in lines)


def test_quotation_marks_wrapping_the_whole_export_are_left_out():
    text = '"' + BODY + '\n\nREAD ALSO: Rates held"'
    assert [ln.text for ln in split_lines(text)] == [BODY, "READ ALSO: Rates held"]
    assert marked_lines(text) == [("READ ALSO: Rates held", "related")]


def test_repeated_headline_and_byline_at_the_top():
    text = f"Senate confirms judge\nBy Jane Doe\n\n{BODY}\n\n{LATER}"
    assert marked_lines(text, "Senate confirms judge") == [("Senate confirms judge", "headline"), ("By Jane Doe", "byline")]
    assert marked_lines(text) == [("By Jane Doe", "byline")]  # without the title the headline is a body line


def test_a_short_top_line_repeating_one_above_it_is_a_repeated_headline_but_a_repeated_paragraph_is_not():
    """The top lines are compared by their normalised words (case and punctuation aside), whatever their length
    above: only the short repeat is marked."""
    text = f"Senate confirms judge\nSENATE CONFIRMS JUDGE!\n\n{BODY}\n\n{LATER}"
    assert marked_lines(text) == [("SENATE CONFIRMS JUDGE!", "headline_repeat")]
    text = f"{BODY}\n{BODY}\n{LATER}\n\n{BODY2}"
    assert marked_lines(text) == []
    text = f"{BODY}\nSenate confirms judge\n-- Senate confirms judge --\n\n{LATER}\n\n{BODY2}"
    assert marked_lines(text) == [("-- Senate confirms judge --", "headline_repeat")]


def test_related_stories_outside_the_body_become_the_sites_list():
    labels = ["related", None, "related", None, "related", "caption"]
    mark_edge_lists(labels)
    assert labels == ["related_list", None, "related", None, "related_list", "caption"]
    only_marked = ["related", "promo"]
    mark_edge_lists(only_marked)  # no body line: nothing to be outside of
    assert only_marked == ["related", "promo"]


@pytest.mark.parametrize(
    "line, label",
    [
        ("Related: Obama’s Nuclear Deal with Iran: Worse Than We Could Have Imagined", "related"),
        ("SEE ALSO: Paul Ryan to run for speaker if House Republicans will rally behind him", "related"),
        ("( Also on POLITICO: Rubio already in Iowa)", "related"),
        ("More: Trump will meet with China's Xi Jinping and Russia's Vladimir Putin during G-20", "related"),
        ("You may also like — Congress returns with bipartisan plans for tougher gun control laws", "related"),
        ("YOU MIGHT BE INTERESTED IN...", "related"),  # thestar.com: a bare lead-in between paragraphs
        ("WATCH: ‘5 Things You Need To Know About Judge Brett Kavanaugh’", "related"),
        ("Related Forgotten Utah lands are key to economic growth", "related"),  # deseret.com: no separator
        ("Photo: Mark Wilson/Getty Images", "credit"),
        ("Alex Wong/Getty Images", "credit"),
        ("Image copyright Getty Images Image caption There were isolated clashes", "caption"),
        ("U.S. President Donald Trump looks on during a ceremonial swearing-in for Labor Secretary Eugene Scalia "
         "at the White House in Washington, U.S., September 30, 2019. REUTERS/Leah Millis", "caption"),
        ("Larry and Linda Drain live apart so that she can keep her health care. (Photo: Shelley Mays, The (Nashville) Tennessean)", "caption"),
        ("Hillary Clinton speaks with reporters on her campaign plane in September 2016. (Reuters photo: Brian Snyder)", "caption"),
        ("Trump attorney Jay Sekulow. | Rick Diamond/Getty Images for GMA", "caption"),
        ("Advertisement", "promo"),
        ("Newsletter Sign-up", "promo"),
        ("Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.", "promo"),
        ("Sign up for our daily newsletter to get the latest headlines delivered to your inbox.", "promo"),
        ("Follow us on Twitter", "social"),
        ("Share this article", "social"),
    ],
)
def test_marked_lines_in_body(line, label):
    body = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a bitter floor debate "
            "over her record on voting rights and the economy.")
    text = f"{body}\n\n{line}\n\n{BODY2}"
    marked = marked_lines(text)
    assert [t for t, _ in marked] == [line]
    # a caption line that is mostly credit may be labelled either way; both count as caption group
    assert marked[0][1] == label or {marked[0][1], label} == {"caption", "credit"}


@pytest.mark.parametrize(
    "line",
    [
        "More than 200 people were evacuated from the building on Monday, officials said.",
        "Also, the senator said she would not seek another term.",
        "WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed a bill to fund the government.",
        "He added: “It’s a disgrace what's going on in our country.”",
        "AMY GOODMAN: You’ve called this FCC commission, Commissioner Copps, the worst you have ever seen. Why?",
        "Millions of Americans can sign up for health coverage on the exchanges until Dec. 15.",
        "Read the full report, which runs to 400 pages, before drawing conclusions, the judge told lawyers.",
        "“Follow the money,” he said.",
        "Related Companies, the developer, has asked the city for more time.",
        "You might be interested in knowing that the council met again on Monday.",
    ],
)
def test_body_lines_notflagged_lines(line):
    body = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a bitter floor debate "
            "over her record on voting rights and the economy.")
    text = f"{body}\n\n{line}\n\n{BODY2}"
    assert marked_lines(text) == []



def test_headline_under_a_bare_lead_in_that_is_also_a_promo_line():
    body = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a bitter floor debate "
            "over her record on voting rights and the economy.")
    text = f"{body}\n\nLISTEN\n\nHow Dems are winning the debt limit fight - and a GOP surrender\n\n{BODY2}"
    flagged = flagged_lines(text)
    assert flagged.get("LISTEN") == "promo"
    assert flagged.get("How Dems are winning the debt limit fight - and a GOP surrender") == "related"
    assert BODY2 not in flagged


def test_promo_cue_triggers_cover_their_rules():
    lines = ["Sign up for our daily newsletter to get the latest headlines delivered to your inbox.",
             "Click here for reprint permission.", "Follow Fox News on Twitter for more updates",
             "Support independent journalism. Donate today.", "Story continues below advertisement",
             "Want more stories like this? Sign up for our newsletter.", "Get our free app"]
    matched = 0
    for rule in _promo_rules():
        if rule.whole_line:
            continue
        for ln in lines:
            if rule.pattern.search(ln):
                matched += 1
                assert any(t in ln.lower() for t in rule.triggers), (rule.pattern.pattern, ln)
    assert matched >= len(lines)



@pytest.mark.parametrize("line, label", [
    ("Follow Thomas D. Williams on Twitter", "social"),  # initials in the name
    ("Read or Share this story: http://usat.ly/2bSmhe4", "share"),
    ("[Editor’s Note: This story was originally published on Feb. 11, 2020 and has been updated.]", "editor_note"),
    ("See an error in this article? Send us a correction", "navigation"),
    ("Story highlights", "navigation"),
    ("Install TUKO App To Read News For FREE", "promo"),
    ("Iran's uranium enrichment programme: the science explained Read more", "related"),
    ("Jane Doe is a reporter for the Daily Bugle covering City Hall.", "bio"),
    # promotions and lead-ins the rules once missed
    ("Watch PLO Lumumba speak about the Raila conspiracy below:", "related"),
    ("See past editions of the tracker here.", "related"),
    ("Google banned my channel with 80,000 people on it so join my Newsletter so they can’t stop us!", "promo"),
    ("For more information on God and Donald Trump, visit GodandDonaldTrump.com and view the book's video. "
     "Visitors to the site can also download a free chapter and order the book.", "promo"),
    ("Connect with God in a deeper way as you read His Word. Select Bibles are now 50% OFF plus Free Shipping "
     "and a Free Gift. Show me the Bibles!", "promo"),
    ("HerbReference.com is a free, online reference library that lists medicinal herbs and their health benefits.", "promo"),
    ("Webseed.com offers alternative health programs, documentaries and more.", "promo"),
    ("President Trump, right, with Rep. Robert Lighthizer ( REUTERS/Jonathan Ernst/Reuters )", "caption"),
    # contact lines, disclaimers, update notes, sign-up widgets and player furniture
    ("Write to Alana Abramson at Alana.Abramson@time.com.", "bio"),
    ("We will continue to update this story as we get new information.", "editor_note"),
    ("Please note: This is a commentary piece. The views and opinions expressed within it are those of the "
     "author only and do not necessarily reflect the editorial position of Independent Journal Review.", "editor_note"),
    ("Original report:", "editor_note"),
    ("Internet censorship is hurting conservative websites like DC Clothesline. If you enjoy our articles "
     "please consider making a small donation today. Thank you!", "promo"),
    ("Stay updated with the latest Nigerian news from Information Nigeria", "promo"),
    ("protected by reCAPTCHA", "promo"),
    ("Today's top news by email", "promo"),
    ("Privacy - Terms", "navigation"),
    ("Facebook: https://www.facebook.com/paul.j.watson.71", "social"),
    ("@VP/Twitter", "credit"),
    ("Photo illustration: Soohee Cho/The Intercept, Getty Images", "credit"),
    ("Slideshow (5 Images)", "caption"),
    ("A screenshot of a Google search for “free tax filing.”", "caption"),
    ("(Interactive graphic tracking global spread of coronavirus: open tmsnrt.rs/3aIRuz7 in an external browser.)",
     "navigation"),
    ("brightcove.createExperiences();", "navigation"),
    # an archive page's age banner and a call to the site's own interactive (stop 44)
    ("This article is more than 3 years old", "editor_note"),
    ("- Check out the CNN Electoral Map and Calculator and game out your own strategy for November.", "promo"),
])
def test_furniture_and_spam_lines_found_in_real_news(line: str, label: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(line) == label


@pytest.mark.parametrize("line", [
    # a reporting sentence of the story above a credit is not a caption
    "The homecoming royalty winners were Abbey Stropes and Trinity Miller, the post said.",
    # a member of the royal family is not a membership drive
    "The reporter asked Trump about having an American become a member of the British royal family:",
    # a professor quoted near the end is a source, not a biography
    "John Smith, a professor at Harvard, said the ruling would stand.",
    # a sentence about screenshots is the story's, not a caption
    "Screenshots of a three-way text conversation obtained by The Hill between the aides show one of them "
    "telling the others to delete the messages.",
    # updates and donations the story reports on
    "The company said it will continue to update customers as the investigation goes on.",
    # widget words in the story's own sentences (third dev batch)
    "Thanks for watching the debate with us, the moderator told viewers before the broadcast ended.",
    "The campaign said it was unable to play the video at the rally because the screen failed.",
    "Officials said the page does not exist anymore after the agency removed it from its website.",
    "She said she wanted to be the first to know about any change in the policy, aides said.",
    "The company unveiled its new logo on Monday, and critics mocked the design, the paper said.",
    "Reporters asked him to recommend this story to a friend, and he laughed at the question.",
    "The paper is reader supported, its editor said, and most of its money comes from small donors.",
    "Organizers urged residents to visit the clerk's office for more information about the vote, officials said.",
    "Voters who want to sign up for the program must do so before Friday, the county said.",
])
def test_ordinary_sentences_are_notflagged_lines(line: str) -> None:
    text = f"{BODY}\n\n{LATER}\n\n{line}\n\nPhoto: Getty Images\n\n{BODY2}"
    assert line not in flagged_lines(text)


def test_a_sentence_naming_journalists_is_not_a_biography() -> None:
    line = "Meanwhile, the ‘journalists’ over at CNN are still silent."
    assert line not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{line}")



# Lines from the real-news corpus's dev half that the rules flagged wrongly.
def test_source_credit_under_a_related_head_is_not_a_related_story() -> None:
    text = (f"{BODY}\n\n{LATER}\n\n{BODY2}\n\nRelated Articles\n\nSource: Infowars\n\n"
            "Source: http://rinf.com/alt-news/breaking-news/feds-seize-28-million-in-bitcoins-from-alleged-silk-road-operator/")
    flagged = flagged_lines(text)
    assert flagged["Source: Infowars"] == "byline_via"
    assert flagged["Source: http://rinf.com/alt-news/breaking-news/feds-seize-28-million-in-bitcoins-from-alleged-silk-road-operator/"] == "byline_via"


def test_summary_bullets_restating_the_story_are_its_standfirst() -> None:
    bullets = [
        "- Police in Voi have arrested three men suspected to belong to terror group al-Shabaab",
        "- According to sources, two other suspects escaped the manhunt",
        "- Meanwhile in Eastleigh 80 terror suspects were arrested in a major swoop on Sunday, June 18",
    ]
    body = [
        "Police in Voi on Monday, June 19, dramatically arrested three men suspected to belong to militant group al-Shabaab.",
        "According to sources, police had suspected the men of planning a terror attack in Kenya.",
        "TUKO.co.ke has learnt that two other suspects escaped arrest with police launching a manhunt for them.",
        "Meanwhile in Eastleigh, 80 suspected terror suspects have been arrested after a major police operation on Sunday, June 18.",
    ]
    flagged = flagged_lines("\n".join(bullets + body))
    assert all(flagged.get(b) == "headline_repeat" for b in bullets)
    # bullets for other stories still are teasers
    other = "- Uganda's parliament passes a budget of 20 trillion shillings after a long night session"
    assert flagged_lines("\n".join([other] + body)).get(other) == "teaser"


def test_embedded_tweet_with_a_follow_call_is_content() -> None:
    tweet = "I’m curating a concert on Nov. 1 for the #ObamaSummit. Follow @ObamaFoundation so you don’t miss it. That’d be a terrible thing."
    text = f"{BODY}\n\n{tweet}\n\n— Lil Chano From 79th (@chancetherapper) October 13, 2017\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(tweet) != "social"  # (this test's body is off its topic)
    # the same call without a tweet's signature is the site's own
    assert flagged_lines(f"{BODY}\n\n{tweet}\n\n{LATER}\n\n{BODY2}").get(tweet) == "social"


def test_promotions_under_a_recommended_resources_foot() -> None:
    foot = [
        "CounterThink Cartoons are free to view and download. They cover topics like health, environment and freedom.",
        "The Consumer Wellness Center is a non-profit organization offering nutrition education grants to programs "
        "that help children and expectant mothers around the world.",
    ]
    text = "\n\n".join([BODY, LATER, BODY2, "Recommended Resources"] + foot)
    flagged = flagged_lines(text)
    assert [flagged.get(f) for f in foot] == ["promo", "promo"]


@pytest.mark.parametrize("line", ["___", "---------", "***", ".", "* * *", "—-"])
def test_a_line_without_letters_or_digits_is_a_separator(line):
    assert flagged_lines(f"{BODY}\n{line}\n{LATER}") == {line: "navigation"}


@pytest.mark.parametrize("line", ["1.", "— Hillary", "…and then", "$5"])
def test_short_lines_with_words_or_numbers_are_not_separators(line):
    assert line not in flagged_lines(f"{BODY}\n{line}\n{LATER}")


def test_a_long_correction_or_newsletter_box_at_the_foot_is_marked_by_its_opening():
    correction = ("Correction: A previous version of this article incorrectly stated that the deployment of a "
                  "predator drone by Customs and Border Protection over the Minneapolis protests was requested by "
                  "local authorities, which it was not, and misstated the date on which the agency confirmed the "
                  "flight to reporters.")
    assert flagged_lines(f"{BODY}\n{LATER}\n{correction}") == {correction: "editor_note"}
    # the same cue deep inside a long closing paragraph is the story's own
    story = ("Local newspapers provide a valuable service to democracy by keeping readers' focus on their "
             "communities, and when readers lose them, we found, they turn to partisanship; a reader who wants "
             "to subscribe to a newsletter instead gets national news, the study said.")
    assert flagged_lines(f"{BODY}\n{LATER}\n{story}") == {}


def test_a_notice_opening_a_text_without_paragraph_breaks_is_not_the_whole_text_marked() -> None:
    # cnn.com opinion, exported as one block: the editor's note opens the article's only line
    note = ("Editor's note: Julian Zelizer is a professor of history and public affairs at Princeton University "
            "and a New America fellow. The opinions expressed in this commentary are his own.")
    block = f"{note} {BODY} {LATER} {BODY2}"
    assert flagged_lines(block) == {}
    # laid out, the same note under the story is marked
    assert flagged_lines(f"{BODY}\n{LATER}\n{note} {BODY2}") == {f"{note} {BODY2}": "editor_note"}


def test_an_embedded_tweets_signature_is_not_a_caption() -> None:
    text = (f"{BODY}\n\nWe have no confirmation that it is involved yet. Looks more like a stunt.\n"
            f"— Anonymous (@YourAnonNews) August 14, 2017\n\n{LATER}")
    assert "— Anonymous (@YourAnonNews) August 14, 2017" not in flagged_lines(text)


def test_a_request_the_story_reports_is_not_a_donation_call() -> None:
    line = "The mayor asked residents to please consider the measure carefully before the deadline."
    assert line not in flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}")


# Third dev batch of the real-news corpus: player end cards, not-found notices, footer links,
# sign-up confirmations, reader-funding boxes, press contacts, timestamped updates and logo captions.
@pytest.mark.parametrize("line, label", [
    ("ADVERTISEMENT Thanks for watching! Visit Website", "navigation"),
    ("Unable to play video. HTML5 is not supported!", "navigation"),
    ("404 File not found this page does not exist. please check your URL or return to homepage", "navigation"),
    ("Ad Policy", "navigation"),
    ("Recommend this story to a friend by clicking on the share button below.", "share"),
    ("Thank you for signing up. For more from The Nation, check out our latest issue", "promo"),
    ("Travel With The Nation Be the first to hear about Nation Travels destinations, and explore the world "
     "with kindred spirits. Be the first to hear about Nation Travels destinations, and explore the world "
     "with kindred spirits.", "promo"),
    ("Support Progressive Journalism The Nation is reader supported: Chip in $10 or more to help us continue "
     "to write about the issues that matter.", "promo"),
    ("Ready to Fight Back? Sign Up For Take Action Now", "promo"),
    ("FIND COVID-19 SAFETY UPDATES Visit redcross.org/coronavirus for more information on COVID-19 safety.",
     "promo"),
    ("To schedule an interview with MRC President Brent Bozell or another MRC spokesperson, please contact "
     "Jeremy Little - jlittle@crcpublicrelations.com (703)-683-5004", "bio"),
    ("Twitter @ThePowersThatBe", "social"),
    ("[Updated, 2:10 p.m. Aug. 27:", "editor_note"),
    ("The Bitcoin logo.", "caption"),
])
def test_widget_and_notice_lines_of_the_third_dev_batch(line: str, label: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(line) == label


def test_a_sign_up_box_that_repeats_its_blurb_is_promo_however_long() -> None:
    blurb = ("Sign up for Take Action Now and get three actions in your inbox every week. You will receive "
             "occasional promotional offers for programs that support our journalism.")
    line = f"Ready to fight back? {blurb} You can read our Privacy Policy here. {blurb}"
    assert flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}").get(line) == "promo"


def test_a_long_paragraph_that_repeats_no_run_of_words_is_not_promo() -> None:
    line = (f"{BODY} Sign up for our newsletter, one senator joked during the debate, drawing laughter. "
            f"{LATER} {BODY2}")
    assert line not in flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}")


# Generic furniture every site family uses, so the rules hold across outlets. Each line is paired
# with an ordinary sentence of similar wording that must stay unmarked.
@pytest.mark.parametrize("line, label, prose", [
    ("Update 5:15PM ET: Added Google’s new statements about The Federalist and its change in policy.", "editor_note",
     "Updated figures show: the story of the recovery is uneven across the states."),
    ("UPDATE: 09/12/17", "editor_note", "The update arrived on 09/12/17 after weeks of delay."),
    ("This post was last updated on Tuesday, June 2 at 3:30 PM ET.", "editor_note",
     "The agency said its flood map was last updated in 1998, long before the new levees were built."),
    ("Content created by The Daily Caller News Foundation is available without charge to any eligible news "
     "publisher that can provide a large audience.", "editor_note",
     "Content created by students is available online, the university said."),
    ("This article is from the archive of our partner The Wire.", "editor_note",
     "The article cited an archive of letters held by the family."),
    ("This column was first published in the Orange County Register.", "editor_note",
     "The column was first published in 1998 and drew hundreds of letters, the editor said."),
    ("We are committed to truth and accuracy in all of our journalism. Read our editorial standards.", "editor_note",
     "The senator said she was committed to accuracy in the budget figures."),
    ("E-mail comments, 40 words or fewer, to opline@wichitaeagle.com", "editor_note",
     "Comments sent to the agency by email were published on Friday."),
    ("Do you know where Richard Burr resides in Washington, D.C.? If so, or if you have any other tips, "
     "contact us at tips@propublica.org.", "bio",
     "Do you know where the money went? If so, the auditors would like to hear from you, the mayor said."),
    ("ProPublica is a nonprofit newsroom that investigates abuses of power. Sign up to receive our biggest "
     "stories as soon as they’re published.", "promo",
     "Voters can sign up to receive absentee ballots until Oct. 20, the clerk said."),
    ("Want to advertise with Turtleboy? Email us at Turtleboysports@gmail.com for more information.", "promo",
     "The campaign has spent $4 million to advertise on local television stations."),
    ("For your eyes only (personal matter) [sponsored]", "promo",
     "The bill was sponsored by two Republicans and a Democrat."),
    ("Thank you for visiting Chip and Co - Your home for the best in Disney News!", "navigation",
     "The president thanked the troops for visiting the White House on Monday."),
    ("Next Page »", "navigation", "The next page of the report lists the donors by state."),
    ("Read the remarks swirling on Twitter regarding Karla Ortiz and her parents on the next page.", "navigation",
     "The remarks swirling on Twitter were deleted hours later, the spokesman said."),
    ("Scroll down for video", "navigation", "Investors scrolled down the list of bidders for the video company."),
    ("Photo Credit: Contributed", "credit", "The photo was contributed by a reader, the newspaper said."),
    ("Photo from whitehouse.gov.", "credit", "A photo from the ceremony shows the two leaders shaking hands."),
    # a caption and its credit run into one line
    ("Hillary Clinton Photo Credit: Contributed", "credit", "He said the photo credit: was wrong, and apologised."),
    ("Donald Trump. Photo from whitehouse.gov.", "credit", "The crowd cheered. Photos from Reuters showed the crowd."),
    # a tip request whose address the scraper mangled
    ("Do you know where Richard Burr resides in Washington, D.C.? If so, or if you have any other tips about Burr, "
     "email [email protected] or reach him on Signal at 213-271-7217.", "bio",
     "Do you know what the senator said next? He said nothing, and walked off."),
    # furniture with no off-topic wording: the rules, not the off-topic model, must catch it
    # a sign-up box scraped into one long line: two sign-up cues in it
    ("Get the Angle in Your Inbox Every weekday, the copy editors round up the stories you should read. We "
     "encountered an issue signing you up. Please try again. Please enable javascript to use form. Email "
     "address: Send me updates about special offers. By signing up, you agree to our Privacy Policy and Terms "
     "Sign Up Thanks for signing up! You can manage your newsletter subscriptions at any time.", "promo",
     "Campaign volunteers stood at the gates of the fairground through the afternoon, asking visitors to sign up "
     "for email updates about the candidate's schedule, and by evening they had collected more than two thousand "
     "names, the organisers said, far more than at any stop of the tour so far, in a county the party lost by "
     "twelve points four years ago."),
    ("Join over 240,000 people who get the most important news stories and the best shopping deals from us – "
     "Delivered right to your inbox.", "promo",
     "More than 240,000 people received the warning, which was delivered to their phones on Tuesday."),
    ("This content is created and maintained by a third party, and imported onto this page to help users "
     "provide their email addresses.", "navigation",
     "The content was created by a third party, the company said, and it was removed on Friday."),
    ("This article is part of “The Speech Wars,” a project supported by the Charles Koch Foundation and the "
     "Fetzer Institute.", "editor_note",
     "This bill is part of a package supported by both parties, the senator said."),
    # sixth dev batch: forms every site family can leave in a scrape
    ("https://static.skepticalscience.com/pics/TvsTSI.png", "caption",
     "The chart at skepticalscience.com shows the two curves parting after 1980."),
    ("liberalconservative art.jpg", "caption", "The art show opened on Friday."),
    ("http://www.climatechange.ie/solar-eclipse-why-the-sun-is-not-responsible-for-recent-climate-change/", "related",
     "The group posted its findings at http://www.climatechange.ie on Monday."),
    ("&gt;&gt; Related: More than 900 active hate groups in the U.S., report says", "related",
     "More than 900 active hate groups operate in the U.S., the report says."),
    ("What do you think? Have your say in the comments.", "promo",
     "What do you think the council will say? Residents will have their say at the hearing."),
    ("Respond to this post on the Esquire Politics Facebook page here.", "editor_note",
     "The company did not respond to this post on its page, the spokesman said."),
    ("Nigerian police force used to illustrate the story", "caption",
     "Police used the images to illustrate the scale of the protest, the spokesman said."),
    ("Michael Smith: 'Who are you to tell Native Americans what to be offended by?' (1:52)", "caption",
     "Michael Smith asked who could tell Native Americans what to be offended by (and when)."),
    # a running time closes a short title; a sentence citing a time of day is prose
    ("Trump speaks at a rally in Ohio (2:45)", "caption",
     "The council meets again on Tuesday where residents can speak (18:30)."),
    ("Watch: the mayor on the budget vote (3:10)", "caption",
     "Residents spoke for hours. The council meets again on Tuesday (18:30)"),
    ("Senator Smith on the vote (1:05)", "caption",
     "The council meets again on Tuesday where residents who live in the eastern wards of the city can speak (18:30)"),
    # hat tips crediting another outlet for the story (eighth dev batch; theblaze, dailywire, dcclothesline)
    ("(h/t) The Blaze", "credit", "Hat tip to the voters who turned out in the rain."),
    ("(H/T: LifeSite News)", "credit", "The tip came from a reader at LifeSite News, the paper said."),
    ("H/t Political Insider", "credit", "Political insiders tipped the governor off, the report said."),
    # a bracketed name alone on its line credits the picture above (theatlantic, cnsnews); a transcript's cue does not
    ("(Nicola Muirhead)", "credit", "(BEGIN VIDEO CLIP)"),
    ("(Heritage Foundation)", "credit", "(The Heritage Foundation declined to comment.)"),
])
def test_generic_furniture_lines_and_their_prose_twins(line: str, label: str, prose: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(line) == label
    assert prose not in flagged_lines(f"{BODY}\n\n{prose}\n\n{LATER}\n\n{BODY2}")


def test_a_bare_follow_line_is_social_at_the_foot_but_a_crosshead_mid_page() -> None:
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\nFOLLOW ZOA").get("FOLLOW ZOA") == "social"
    head = "FOLLOW SOCIAL DISTANCING"
    text = f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{BODY}\n\n{head}\n\n{LATER}\n\n{BODY2}\n\n{BODY}\n\n{LATER}"
    assert head not in flagged_lines(text)


def test_a_separator_between_embedded_tweets_is_the_authors_divider() -> None:
    tweet = "Remember they tried to take their medals away… #TakeAKnee"
    sig = "— me (@destro1979) September 23, 2017"
    text = f"{BODY}\n\n{tweet}\n{sig}\n**\n{LATER}\n\n**\n\n{BODY2}"
    lines = split_lines(text)
    labels = rule_labels(lines, None)
    seps = [i for i, ln in enumerate(lines) if ln.text == "**"]
    assert [labels[i] for i in seps] == [None, "navigation"]  # only the one not closing a tweet


def test_the_cnn_video_player_line_is_navigation() -> None:
    line = ("JUST WATCHED Bolton: US will impose all pre-deal Iran sanctions Replay More Videos ... "
            "MUST WATCH Bolton: US will impose all pre-deal Iran sanctions 03:05")
    assert flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}").get(line) == "navigation"
    prose = "Just watched by millions, the debate drew more videos of protests than any before it, he said."
    assert prose not in flagged_lines(f"{BODY}\n\n{prose}\n\n{LATER}\n\n{BODY2}")


def test_word_counts_handed_in_label_the_same_lines():
    for path in sorted(SAMPLES.glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        lines = split_lines(text)
        sizes = line_sizes(lines)
        assert sizes == [len(ln.text.split()) for ln in lines]
        assert rule_labels(lines, title, sizes) == rule_labels(lines, title)


# Precision read on unlabelled articles of dev-half outlets (issue 18): a person introduced by an
# apposition in the story's last lines is a source, not the author's biography.
@pytest.mark.parametrize("line", [
    "Dennis Hartmann, a professor of atmospheric science at the University of Washington, doesn't believe "
    "the answer is clear.",
    "Justin Dillon, an attorney with the firm KaiserDillon who specializes in campus misconduct adjudication, "
    "hailed the new rules as tremendously well thought out.",
    "On Monday, the Republican National Committee’s rapid response unit sent reporters an email detailing a "
    "number of interviews.",
    "The Illinois Democrat is the co-author of the BRIDGE Act, which is legislation aimed at extending protection.",
])
def test_a_person_introduced_in_the_storys_last_lines_is_not_a_biography(line: str) -> None:
    assert line not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{line}")


@pytest.mark.parametrize("line", [
    "Frida Ghitis, a former CNN producer and correspondent, is a world affairs columnist.",
    "Edward Fishman, a fellow at the Atlantic Council, most recently served on the policy planning staff.",
    "Jane Roe, a columnist for the Daily Bugle.",
])
def test_an_authors_biography_in_apposition_form_is_found(line: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{line}").get(line) == "bio"


# Transcript, author's and share notes, run-in credits, region locks: each by its form, and a similar sentence of a story.
FIFTH_BATCH = {
    "Animal activists said he might have violated a federal law (Tom Williams/CQ Roll Call file photo)": "caption",
    "ISIS militants loaded into buses who fled Lebanon in a peace deal. (Screengrab from YouTube UNB News)": "caption",
    "Rogelio V. Solis / AP PTA president Janelle Jefferson and her son, Jacob Jefferson.": "caption",
    "Cover: President Donald Trump walks on the South Lawn of the White House before boarding Marine One.": "caption",
    "[Spotted: Donald Trump Jr. mistakenly heading toward Pelosi’s office in search of McCarthy]": "related",
    "This column does not necessarily reflect the opinion of the editorial board or its owners.": "editor_note",
    "This transcript has been automatically generated and may not be 100% accurate.": "editor_note",
    "* Authors’ note: The Census Bureau recently introduced new methods for surveying income.": "editor_note",
    "Please SHARE if you think Yost went above and beyond what any cashier would normally do!": "social",
    "Due to restrictions, this video cannot be viewed in your region.": "navigation",
}


@pytest.mark.parametrize("line, label", FIFTH_BATCH.items())
def test_notes_credits_and_region_locks_are_furniture_by_form(line: str, label: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}").get(line) == label


@pytest.mark.parametrize("line", [
    "Animal activists said he might have violated a federal law when he shot the sheep (the photo shows it).",
    "The school board said the photographers from the paper were not allowed inside the building on Monday.",
    "[The remarks were made before the vote.]",
    "Cover stories about the campaign said the senator had not decided whether to run again.",
    "The senator said her views do not necessarily reflect the position of her party, aides said.",
    "The transcript of the call was released by the White House on Wednesday, officials said.",
    "Please remember that voters share the blame, the governor told the crowd.",
    "Officials said this video could be used as evidence in the trial next month.",
])
def test_similar_sentences_of_a_story_stay_unflagged(line: str) -> None:
    assert line not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY2}")


def test_a_paragraph_set_as_a_bullet_at_the_top_is_not_a_teaser() -> None:
    para = ("- Most people have not heard of the group Patriot Prayer until recently. The group claims to be for "
            "those who believe in free speech, love and freedom.")
    assert para not in flagged_lines(f"{para}\n\n{BODY}\n\n{LATER}\n\n{BODY2}")
    # abbreviations are no sentence break: these bullets hold one sentence each
    for teaser in ("- Trump to visit the border on Friday", "- U.S. to pull troops from Syria, Trump says.",
                   "• Sen. McConnell and Dr. Fauci clash over the U.S. response"):
        assert flagged_lines(f"{teaser}\n\n{BODY}\n\n{LATER}\n\n{BODY2}").get(teaser) in ("teaser", "headline_repeat")


@pytest.mark.parametrize("line", ["[Think Progress, 1/15/10]", "[MAIG release, 3/5/13] 94 Percent Of Floridians. [MAIG release, 3/5/13]"])
def test_a_bracketed_citation_is_not_a_related_headline(line: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY2}").get(line) != "related"


def test_a_bracketed_update_note_is_the_newsrooms_note_not_a_related_story() -> None:
    note, link = "[Breaking news update at 10:34 p.m. ET]", "[New Today at Fox News Opinion: How the GOP can reopen government]"
    flagged = flagged_lines(f"{BODY}\n\n{note}\n\n{LATER}\n\n{link}\n\n{BODY2}")
    assert flagged.get(note) == "editor_note" and flagged.get(link) == "related"



def test_a_quoted_scene_with_two_sign_up_words_is_not_a_widget() -> None:
    line = ("“Just inside the security barricades, several groups of clipboard-toting campaign workers beseeched "
            "attendees to sign up for the campaign’s mailing list. Organisers also handed out signs that asked "
            "marchers to sign up for email alerts by text; when I texted the number, the automated reply made no "
            "mention of the march at all, but asked me to stand with the president against his critics in the "
            "press and to donate now.")
    assert line not in flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}")



def test_a_bare_tweet_address_is_an_embed_not_a_link() -> None:
    line = "https://twitter.com/rorycooper/status/841818652940865536"
    assert line not in flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}")


def test_a_sign_up_forms_own_wording_is_a_second_cue_of_a_long_box():
    # time.com: a newsletter box run into one line of more than 40 words
    box = ("The Coronavirus Brief. Everything you need to know about the global spread of COVID-19 Please enter a "
           "valid email address. Sign Up Now Check the box if you do not wish to receive promotional offers via "
           "email from TIME. You can unsubscribe at any time. By signing up you are agreeing to our Terms of Use "
           "and Privacy Policy Thank you! For your security, we've sent a confirmation email to the address you "
           "entered. Click the link to confirm your subscription and begin receiving our newsletters. If you don't "
           "get the confirmation within 10 minutes, please check your spam folder.")
    assert flagged_lines(f"{BODY}\n{box}\n{LATER}") == {box: "promo"}
    story = ("The regulator found that the company's newsletter told customers they could unsubscribe at any "
             "time, but that its servers kept sending the messages for months afterwards, according to the "
             "complaint filed in federal court on Monday by the attorneys general of four states.")
    assert flagged_lines(f"{BODY}\n{story}\n{LATER}") == {}


# Precision read on unlabelled articles of dev-half outlets (issue 18, stop 37): a line introducing
# someone whom the next paragraph goes on about is the story's, not the author's biography.
MOSER = ("Moser is a writer and activist who grew up in Houston and launched Daily Action, an anti-Trump "
         "resistance group, after the 2016 presidential election.")


def test_a_biography_like_line_the_next_paragraph_continues_is_the_storys() -> None:
    after = ("Evidently believing that Moser is too progressive to win in November, the committee issued a "
             "statement in February replete with negative research.")
    assert MOSER not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{MOSER}\n\n{after}")


def test_a_biography_the_next_line_does_not_continue_is_found() -> None:
    after = "Follow her on Twitter @moser."
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{MOSER}\n\n{after}").get(MOSER) == "bio"


# A quotation the story attributes is the story's, whatever it asks readers to do.
def test_a_quoted_and_attributed_donation_call_is_not_a_promotion() -> None:
    line = "“We need YOU to make a HUGE statement!” it also says. “DONATE NOW! Tell Democrats: FINISH THE WALL.”"
    assert line not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY2}")


def test_an_unquoted_donation_call_is_still_a_promotion() -> None:
    line = "DONATE NOW! Tell Democrats: FINISH THE WALL."
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY2}").get(line) is not None


# A call to follow someone names the platform or a handle, or ends there; the story's "follow her" goes on
# to where (thehill.com, cnn.com).
@pytest.mark.parametrize(("call", "prose"), [
    ("Follow her on Twitter @tarasetmayer.",
     "The fallout from the daily releases has raised concerns among Democrats that the controversy will follow her "
     "into the White House."),
    ("You can follow her @desmoinesdem",
     "Loomer asked people to follow her on a different platform, adding that she would be back."),
    ("Follow us", "Reporters will follow him to Iowa on Monday."),
    ("Follow us at SoundCloud.", "They follow us on the campaign trail every day."),
    ("Follow him!", "Many of his former aides said they would not follow him."),
    ("Follow her.", "Dozens of supporters vowed to follow her."),
])
def test_a_follow_call_names_the_platform_but_the_storys_follow_goes_somewhere(call: str, prose: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{call}\n\n{BODY2}").get(call) == "social"
    assert prose not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{prose}\n\n{BODY2}")


def test_a_call_to_readers_that_the_story_quotes_is_the_storys() -> None:
    """thehill.com: the story quotes a web page's call ('The updated website reads: "Parents, click here ..."');
    the same call as a line of its own is the page's promotion."""
    call = "Parents, click here to read Talking with Kids about Being Online, a Federal Trade Commission booklet."
    quoted = f'The updated website reads: "{call}"'
    assert quoted not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{quoted}\n\n{BODY2}")
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{call}\n\n{BODY2}").get(call) == "promo"
    # a title in straight quotes closed by a curly one does not leave the call after it inside a quotation
    bio = 'Tim Wendel is the author of "Summer of ’68: The Season that Changed Baseball.” Follow him on Twitter: @Tim_Wendel'
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{bio}").get(bio) == "social"


def test_a_call_in_the_second_quotation_of_a_line_is_the_storys() -> None:
    """The first quotation closed, the call opens the second: still quoted; after a closed quotation, unquoted, it is the page's."""
    call = "Parents, click here to read Talking with Kids about Being Online, a Federal Trade Commission booklet."
    for first, second in (('"We hear you."', f'"{call}"'), ("“We hear you.”", f"“{call}”")):
        quoted = f"The district wrote {first} The updated website reads: {second}"
        assert quoted not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{quoted}\n\n{BODY2}")
    after = f'The district wrote "We hear you." {call}'
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{after}\n\n{BODY2}").get(after) == "promo"


def test_like_opening_a_paragraph_is_a_preposition_unless_on_a_platform() -> None:
    """theverge.com: "Like some other features Twitter has released ..." compares; "Like X on Facebook" calls."""
    para = ("Like some other features Twitter has released this year — the ability to search your direct messages "
            "comes to mind — Topics is a feature that feels obvious, welcome, overdue, and not quite finished. But it "
            "also feels like meaningful progress for a company that has never known what to do with the bounty of "
            "incredible tweets flowing through its servers each day.")
    assert para not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{para}\n\n{BODY2}")
    short = "Like some other features Twitter has released, Topics feels unfinished."
    assert short not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{short}\n\n{BODY2}")
    compared = "Like many people on Twitter, I was shocked by the video of the arrest on Sunday."
    assert compared not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{compared}\n\n{BODY2}")
    call = "Like The Daily Signal on Facebook"
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{BODY2}\n\n{call}").get(call) == "social"


def test_a_lead_in_over_a_long_sentence_is_a_paragraphs_label_not_a_teaser() -> None:
    """axios.com runs "Flashback:" into a paragraph of the story; the same lead-in over a headline
    (no full stop, or a short one) points at another story."""
    para = ("Flashback: When coronavirus reached Iran, apparently via a businessman traveling from China, top "
            "officials including President Hassan Rouhani insisted life would swiftly return to normal.")
    assert para not in flagged_lines(f"{BODY}\n\n{LATER}\n\n{para}\n\n{BODY2}")
    head = "Flashback: When coronavirus reached Iran, top officials insisted life would return to normal"
    assert flagged_lines(f"{BODY}\n\n{LATER}\n\n{head}\n\n{BODY2}").get(head) == "related"


def test_a_byline_under_a_bare_video_credit_is_no_related_headline() -> None:
    """bayareabandwidth.net: "Video by X" reads as a bare lead-in, and the headlines under a bare
    lead-in are related stories; a byline under it names the author and stops the run."""
    cap = "People take to the streets of San Francisco to protest. Photo by Misyrlena Egkolfopoulou"
    text = f"{cap}\n\nVideo by Misyrlena Egkolfopoulou\n\nby Misyrlena Egkolfopoulou\n\n{BODY}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get("by Misyrlena Egkolfopoulou") == "byline"
    heads = f"Video\n\nSenate passes the budget in a late vote\n\n{BODY}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(heads).get("Senate passes the budget in a late vote") == "related"


# Furniture a CMS, widget or syndication service puts on many sites (stop 39): each line seen on dev-half outlets.
@pytest.mark.parametrize("line, label", [
    ("Story continues", "navigation"),                         # yahoo.com
    ("Link Copied", "navigation"),                             # theatlantic.com
    ("×", "navigation"),                                       # ksl.com's close button
    ("^", "navigation"),                                       # onlineathens.com's back-to-top
    ("Swipe for state forecasts →", "navigation"),             # projects.fivethirtyeight.com
    ("Share this: Pocket", "social"),                          # quillette.com (WordPress sharing block)
    ("Like this: Like Loading...", "social"),                  # peacock-panache.com
    ("GET FOX BUSINESS ON THE GO BY CLICKING HERE", "promo"),
    ("STAY UP TO DATE WITH THE FREE CBN NEWS APP", "promo"),
    ("This is a breaking news story, refresh the page for updates.", "editor_note"),          # dailywire.com
    ("Joseph S. Nye Jr. is a professor at Harvard University and the author of \"Is the American Century "
     "Over?\" The views expressed are his own.", "editor_note"),                             # cnn.com
    ("The views expressed by contributors are their own and not the views of The Hill.", "editor_note"),
    ("Reprinted from Climatewire with permission from E&E News. E&E provides daily coverage of essential energy "
     "and environmental news at www.eenews.net.", "editor_note"),                           # scientificamerican.com
    ("We encourage you to share and republish our reports, analyses, breaking news and videos (Click for details).",
     "editor_note"),                                                                         # beforeitsnews.com
    ("Read CNNOpinion's new Flipboard magazine.", "promo"),                                  # cnn.com
    ("CNN’s Flipboard Magazine on everything Bergdahl", "promo"),                             # cnn.com
    ("This is a developing story. Check back for updates.", "editor_note"),                # buzzfeednews.com
    ("Katie Bethell is the executive director of PL+US , a national organization advocating for paid family and "
     "medical leave for everyone in the United States The views expressed are her own.", "editor_note"),  # cnn.com
])
def test_furniture_many_sites_share_is_found(line: str, label: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(line) == label


@pytest.mark.parametrize("line", [
    "The story continues to unfold in Washington, where senators met behind closed doors on Friday.",
    "It looks like this: a long line of voters waiting outside the school in the rain.",
    "Get out the vote efforts were on the go all weekend, volunteers said.",
    "The state launched a free app for voters, and officials said thousands had downloaded it by Monday.",
    "This is a story about a town that lost its only newspaper and what came after.",
    "The views expressed in the memo were shared by several senior officials, aides said.",
    "The magazine reprinted the letter in full, and the senator's office called it a forgery.",
    "Readers of the company's Flipboard magazine doubled last year, its chief executive said on Monday.",
    # the same words going on as the story's sentence, or reported by it
    "The company's Flipboard magazine doubled its readers last year, its chief executive said on Monday.",
    "Get your groceries on the go with the new service, the company said in a statement.",
    "This is a breaking story that has gripped the nation for weeks, and its end is not in sight.",
    "More details to come from the hearing, which resumes on Tuesday morning.",
    "Asked about the memo, the aide said the views expressed are her own.",
    # the age of a thing, and a map the story points at or reports on, are the story's (stop 44)
    "This church is more than 300 years old",
    "Check out the map below to see where the storm will hit first.",
    "Check out the CNN Electoral Map, the campaign told supporters on Monday, to see why the race is close.",
])
def test_furniture_many_sites_share_spares_prose(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert line not in flagged_lines(text)


# Stop 40: a teaser under an opinion or interactive label, and a warning about graphic videos, each seen on two outlets.
@pytest.mark.parametrize("line, label", [
    ("Opinion: 2020 election is shaping up to be the political battle of the century", "related"),  # courier-journal
    ("Opinion: Sandy debunks 'nanny state'", "related"),                                          # cnn.com
    ("Opinion:Can Trump's doctor cure what ails VA?", "related"),                                  # usatoday.com
    ("An interactive guide: Who is running for president in 2020?", "related"),                   # courier-journal
    ("AP story: Trump rescinding DACA program protecting young immigrants", "related"),           # therepublic.com
    ("Warning: Videos that appear in this article may include graphic content", "editor_note"),   # wxii12.com
    ("WARNING: Video contains graphic, disturbing content.", "editor_note"),                       # cnsnews.com
])
def test_labelled_teasers_and_graphic_warnings_are_found(line: str, label: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert flagged_lines(text).get(line) == label


@pytest.mark.parametrize("line", [
    "Opinion polls show the senator trailing by six points in the state, and her campaign has cut its ad spending.",
    "Opinion is divided on the bill: Democrats say it goes too far and Republicans say it does not go far enough.",
    "An interactive map released by the agency shows where the fires have burned since June.",
    "AP reporters counted at least 40 people waiting outside the courthouse on Monday.",
    "The warning said the videos may include graphic content, and the station asked viewers to use discretion.",
    "Warning: the storm is expected to bring heavy rain and winds of up to 60 miles an hour to the coast tonight.",
])
def test_labelled_teasers_and_graphic_warnings_spare_prose(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}"
    assert line not in flagged_lines(text)
