/** @odoo-module **/
/*
 * keten_security_enrolment (tests/test_security_tour.py): a keten user without
 * a second factor logs in, lands on the enrolment page, confirms the password,
 * reads the key, computes the authenticator code the way an app does (RFC 6238,
 * with the browser's Web Crypto) and enters it; the web client opens.
 */
import { registry } from "@web/core/registry";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Bytes(text) {
    let bits = "";
    for (const char of text.replace(/[\s=]/g, "").toUpperCase()) {
        bits += BASE32.indexOf(char).toString(2).padStart(5, "0");
    }
    const bytes = new Uint8Array(Math.floor(bits.length / 8));
    for (let i = 0; i < bytes.length; i++) {
        bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
    }
    return bytes;
}

async function authenticatorCode(secret) {
    const message = new ArrayBuffer(8);
    new DataView(message).setUint32(4, Math.floor(Date.now() / 30000));
    const key = await crypto.subtle.importKey(
        "raw",
        base32Bytes(secret),
        { name: "HMAC", hash: "SHA-1" },
        false,
        ["sign"]
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
    const offset = mac[mac.length - 1] & 0xf;
    const number =
        ((mac[offset] & 0x7f) << 24) |
        (mac[offset + 1] << 16) |
        (mac[offset + 2] << 8) |
        mac[offset + 3];
    return String(number % 1000000).padStart(6, "0");
}

registry.category("web_tour.tours").add("keten_security_enrolment", {
    steps: () => [
        {
            content: "Login",
            trigger: "input#login",
            run: "edit kt_regie",
        },
        {
            content: "Password",
            trigger: "input#password",
            run: "edit kt_regie",
        },
        {
            content: "Log in",
            trigger: "form.oe_login_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The enrolment page asks for the password first",
            trigger: ".o_keten_security_setup input#keten_password",
            run: "edit kt_regie",
        },
        {
            content: "Continue",
            trigger: ".o_keten_security_setup form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The QR code is shown",
            trigger: ".o_keten_security_setup img[src^='data:image/png']",
        },
        {
            content: "Read the key and enter the code of the app",
            trigger: ".o_keten_security_setup .o_keten_totp_secret",
            async run(helpers) {
                const code = await authenticatorCode(this.anchor.textContent);
                await helpers.edit(code, ".o_keten_security_setup input#keten_code");
            },
        },
        {
            content: "Activate",
            trigger: ".o_keten_security_setup form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The web client opens, with the app of the chain",
            trigger: ".o_main_navbar",
        },
    ],
});
