"""The web pages in a real browser: headless Chromium driven by Selenium
(Debian chromium, chromium-driver, python3-selenium) against a real
`tickets serve` on 127.0.0.1, with the sign-in link read from a real SMTP
server on loopback. A customer signs in, opens a request with an attachment
(suggestions appear while the subject is typed), an agent's clone pulls it
and replies, the reply shows on the page, the customer marks it solved and
rates it; a second customer cannot open it by its address; text with HTML
in it never runs. Screenshots of the main pages are kept as artefacts in
$TICKETS_ARTEFACTS (default: build/test-artefacts)."""

import os
import shutil
import tempfile

from harness import AGENT, ROOT, main, requires
from portal_client import CUSTOMER_A, CUSTOMER_B, PortalTest, link_in

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # ./dev installs python3-selenium
    webdriver = None

ARTEFACTS = os.environ.get("TICKETS_ARTEFACTS", os.path.join(ROOT, "build", "test-artefacts"))
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@requires("sync")
class InTheBrowser(PortalTest):
    def setUp(self):
        super().setUp()
        if webdriver is None:
            self.fail("python3-selenium is not installed (./dev installs it)")
        for program in ("chromium", "chromedriver"):
            self.assertIsNotNone(shutil.which(program), f"{program} is a test dependency (./dev installs it)")
        os.makedirs(ARTEFACTS, exist_ok=True)
        self.drivers = []

    def tearDown(self):
        for d in self.drivers:
            d.quit()
        super().tearDown()

    def browser(self, language="de"):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1200",
                    f"--lang={language}", f"--user-data-dir={tempfile.mkdtemp(dir=self.dir)}"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.implicitly_wait(0)
        self.drivers.append(driver)
        return driver

    def wait(self, driver, condition, timeout=20):
        return WebDriverWait(driver, timeout).until(condition)

    def shot(self, driver, name):
        driver.save_screenshot(os.path.join(ARTEFACTS, f"portal-{name}.png"))

    def sign_in_with(self, driver, address):
        driver.get(self.server.url + "/")
        self.assertIn("/login", driver.current_url)
        field = driver.find_element(By.ID, "email")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "label[for=email]").text, "E-Mail-Adresse")
        field.send_keys(address)
        self.shot(driver, "sign-in")
        field.submit()
        self.wait(driver, seen.title_contains("Link unterwegs"))
        link = link_in(self.inbox.wait_for(address, sign_in=True))
        driver.get(link)
        driver.find_element(By.ID, "confirm").click()
        self.wait(driver, seen.title_contains("Anfragen"))

    def no_alert(self, driver):
        try:
            driver.switch_to.alert
        except NoAlertPresentException:
            return True
        return False

    def test_a_request_from_the_page_to_an_agents_clone_and_back(self):
        self.ok("kb", "add", "Heizung entlüften", "-m", "Ventil öffnen, Wasser auffangen.")
        d = self.browser()
        self.sign_in_with(d, CUSTOMER_A)
        self.shot(d, "list")
        d.find_element(By.LINK_TEXT, "Neue Anfrage").click()
        subject = d.find_element(By.ID, "subject")
        subject.send_keys("Heizung gluckert")
        # The suggestions come while typing (the page's one script).
        self.wait(d, seen.visibility_of_element_located((By.CSS_SELECTOR, "#suggestions a")))
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "#suggestions a").text, "Heizung entlüften")
        d.find_element(By.ID, "description").send_keys("Seit gestern, <b>laut</b>.")
        upload = os.path.join(self.dir, "foto.pdf")
        with open(upload, "wb") as f:
            f.write(PDF)
        d.find_element(By.ID, "files").send_keys(upload)
        self.shot(d, "new-request")
        d.find_element(By.ID, "submit").click()
        self.wait(d, seen.title_contains("Heizung gluckert"))
        self.assertIn("Gespeichert.", d.page_source)
        self.assertEqual(d.find_element(By.LINK_TEXT, "foto.pdf").get_attribute("download"), "")
        self.assertIn("Seit gestern, <b>laut</b>.", d.find_element(By.CSS_SELECTOR, ".message .body").text)
        url = d.current_url.split("?")[0]
        ticket = url.rsplit("/", 1)[1]

        # An agent's clone pulls it, with its attachment, and replies.
        clone = os.path.join(self.dir, "agent-clone")
        env = {"TICKETS_TOKEN": self.agent_token}
        self.ok("clone", self.server.url, clone, env=env, as_user=AGENT)
        shown = self.ok("-C", clone, "show", ticket, "--json", as_user=AGENT).json()
        self.assertEqual(shown["requester"], CUSTOMER_A)
        sha = shown["comments"][0]["attachments"][0]["sha256"]
        self.assertEqual(self.ok("-C", clone, "attachment", "get", ticket, sha, "-o", "-",
                                 as_user=AGENT).out.encode(), PDF)
        self.ok("-C", clone, "comment", ticket, "-m", "Wir kommen morgen.", as_user=AGENT)
        self.ok("-C", clone, "comment", ticket, "-m", "Notiz: Kunde ist laut.", "--internal", as_user=AGENT)
        self.ok("-C", clone, "push", env=env, as_user=AGENT)

        d.get(url)
        bodies = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".message .body")]
        self.assertIn("Wir kommen morgen.", bodies)
        self.assertNotIn("Notiz: Kunde ist laut.", d.page_source)
        self.shot(d, "ticket")
        d.find_element(By.ID, "solve").click()
        self.wait(d, seen.presence_of_element_located((By.ID, "send-rating")))
        self.assertEqual(self.show(ticket)["status"], "solved")
        # The solution mail's link preselects the rating: one click sends it.
        d.get(url + "/rate/good")
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "input[value=good]").is_selected())
        d.find_element(By.ID, "reason").send_keys("Schnell und freundlich")
        d.find_element(By.ID, "send-rating").click()
        self.wait(d, seen.presence_of_element_located((By.CLASS_NAME, "rating")))
        self.assertEqual(self.show(ticket)["satisfaction"],
                         {"rating": "good", "reason": "Schnell und freundlich"})
        self.ok("-C", clone, "pull", env=env, as_user=AGENT)
        self.assertEqual(self.ok("-C", clone, "show", ticket, "--json", as_user=AGENT).json()["status"], "solved")

        # Another customer gets nothing by the address.
        other = self.browser()
        self.sign_in_with(other, CUSTOMER_B)
        other.get(url)
        self.assertIn("Diese Anfrage gibt es nicht.", other.page_source)
        self.assertNotIn("Heizung gluckert", other.page_source)
        self.assertNotIn("Heizung gluckert", other.find_element(By.TAG_NAME, "main").text)
        other.get(self.server.url + "/")
        self.assertNotIn("Heizung gluckert", other.page_source)

    def test_html_and_script_in_every_field_never_run(self):
        evil = '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2">'
        d = self.browser()
        self.sign_in_with(d, CUSTOMER_A)
        d.get(self.server.url + "/new")
        for field in ("subject", "product", "topic", "category", "property", "description"):
            d.find_element(By.ID, field).send_keys(field + " " + evil)
        d.find_element(By.ID, "submit").click()
        self.wait(d, seen.title_contains("subject"))
        ticket = d.current_url.split("?")[0].rsplit("/", 1)[1]
        self.ok("comment", ticket, "-m", "Antwort " + evil)
        for path in (f"/t/{ticket}", "/", "/?q=subject"):
            d.get(self.server.url + path)
            self.assertTrue(self.no_alert(d), path)
            self.assertIsNone(d.execute_script("return window.pwned === undefined ? null : window.pwned"), path)
            self.assertEqual(d.execute_script("return document.querySelectorAll('main img, main script').length"), 0)
        self.assertIn(evil, d.find_element(By.TAG_NAME, "main").text)
        self.shot(d, "escaped")

    def test_english_pages_and_a_phone_sized_window(self):
        d = self.browser("en")
        self.sign_in_with_english(d, CUSTOMER_A)
        d.set_window_size(390, 844)
        self.new("Printer jammed", "--requester", CUSTOMER_A)
        d.get(self.server.url + "/")
        self.assertIn("My requests", d.page_source)
        width = d.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 390)  # nothing wider than the phone
        self.shot(d, "list-phone")

    def sign_in_with_english(self, driver, address):
        driver.get(self.server.url + "/login")
        driver.find_element(By.ID, "email").send_keys(address)
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        self.wait(driver, seen.title_contains("Link on its way"))
        driver.get(link_in(self.inbox.wait_for(address, sign_in=True)))
        driver.find_element(By.ID, "confirm").click()
        self.wait(driver, seen.title_contains("Requests"))


if __name__ == "__main__":
    main()
