/**
 * Demo troubleshooting trees seeded into new accounts (docs/flows.md).
 *
 * Written for a typical MSP helpdesk supporting Windows 10/11 PCs on
 * Microsoft 365 / Entra ID (some clients hybrid with on-prem AD). Question
 * nodes are what the tech asks the caller; instruction nodes are what the tech
 * has the caller do (or does over remote support); resolution nodes end the
 * walk, and the "Escalate: ..." ones tell the tech to hand off.
 *
 * Flow ids are fixed so re-seeding is idempotent.
 */
import type {DemoFlow, FlowDefinition, FlowNode, FlowNodeKind, FlowOption} from '../../schema/flow-definition.ts';

export type {DemoFlow, FlowDefinition, FlowNode, FlowNodeKind, FlowOption};

const outlookWontConnect: DemoFlow = {
  id: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a6c11',
  title: "Outlook won't connect",
  description:
    'Classic Outlook shows Disconnected, Working Offline or keeps asking for a password. Separates account problems from client problems using Outlook on the web, then works through Work Offline, cached credentials and a new profile.',
  definition: {
    start: 'start',
    nodes: [
      {
        id: 'start',
        kind: 'question',
        text: 'Can you sign in to Outlook on the web? Open a browser, go to outlook.office.com and sign in with your work email. Does your mailbox load and show recent email?',
        options: [
          {id: 'owa-works', label: 'Yes, mail loads in the browser', next: 'status-bar'},
          {id: 'owa-signin-fails', label: "No, sign-in fails (wrong password, locked, MFA won't complete)", next: 'account-problem'},
          {id: 'owa-mailbox-error', label: 'Signs in, but the mailbox shows an error or no mail', next: 'escalate-mailbox'},
        ],
      },
      {
        id: 'status-bar',
        kind: 'question',
        text: 'In the Outlook desktop app, look at the status bar along the very bottom of the window, bottom right. What does it say?',
        options: [
          {id: 'status-offline', label: 'Working Offline', next: 'work-offline'},
          {id: 'status-disconnected', label: 'Disconnected / Trying to connect...', next: 'check-internet'},
          {id: 'status-need-password', label: 'Need Password, or a sign-in box keeps popping up', next: 'clear-credentials'},
        ],
      },
      {
        id: 'work-offline',
        kind: 'instruction',
        text: 'Have them click the Send / Receive tab on the ribbon and click "Work Offline" once so it is no longer highlighted. Wait about 30 seconds and watch the status bar; it should change to "Connected to: Microsoft Exchange" and new mail should start arriving.',
        options: [
          {id: 'offline-fixed', label: 'Status shows Connected and mail is arriving', next: 'resolved-work-offline'},
          {id: 'offline-still-broken', label: 'Still Disconnected', next: 'check-internet'},
        ],
      },
      {
        id: 'check-internet',
        kind: 'question',
        text: 'On this same computer, can you open a couple of websites and is Teams showing you as connected (no "We\'re having trouble connecting" banner)?',
        options: [
          {id: 'internet-ok', label: 'Yes, websites and Teams work', next: 'clear-credentials'},
          {id: 'internet-down', label: 'No, nothing online works', next: 'resolved-no-internet'},
        ],
      },
      {
        id: 'clear-credentials',
        kind: 'instruction',
        text: 'Have them fully close Outlook (check Task Manager that OUTLOOK.EXE is gone). Open Control Panel > User Accounts > Credential Manager > Windows Credentials and remove every generic credential that starts with "MicrosoftOffice16_Data" or mentions outlook.office365.com. Reopen Outlook and sign in with their work email and password when prompted, approving the MFA request.',
        options: [
          {id: 'creds-fixed', label: 'Outlook connects and mail syncs', next: 'resolved-credentials'},
          {id: 'creds-still-broken', label: 'Still disconnected or still prompting', next: 'new-profile'},
        ],
      },
      {
        id: 'new-profile',
        kind: 'instruction',
        text: 'Create a fresh Outlook profile. Close Outlook, open Control Panel > Mail (Microsoft Outlook) > Show Profiles > Add, name it with today\'s date, and enter their work email so Autodiscover sets the account up automatically. Back on Show Profiles, choose "Always use this profile", select the new profile, click OK and open Outlook. The first sync of a large mailbox can take a while.',
        options: [
          {id: 'profile-fixed', label: 'New profile connects and mail is syncing', next: 'resolved-new-profile'},
          {id: 'profile-still-broken', label: 'Autodiscover fails, or the new profile is still disconnected', next: 'escalate-autodiscover'},
        ],
      },
      {
        id: 'account-problem',
        kind: 'resolution',
        text: 'Not an Outlook problem: the account itself cannot sign in. Close this walk and start the "Password reset / MFA lockout" flow with the caller (identity verification comes first).',
        options: [],
      },
      {
        id: 'resolved-work-offline',
        kind: 'resolution',
        text: 'Resolved: Outlook was set to Work Offline. Toggled it back online and mail is flowing. Let the user know the button is on the Send / Receive tab if it happens again.',
        options: [],
      },
      {
        id: 'resolved-no-internet',
        kind: 'resolution',
        text: 'Resolved as a connectivity issue, not Outlook: the computer has no internet. Have them reconnect Wi-Fi or check the network cable and restart their router if they are at home. If the whole office is offline, open a separate network-outage ticket for the site.',
        options: [],
      },
      {
        id: 'resolved-credentials',
        kind: 'resolution',
        text: 'Resolved: stale cached Office credentials in Windows Credential Manager. Cleared them and Outlook re-authenticated against Microsoft 365. Note in the ticket whether the user recently changed their password.',
        options: [],
      },
      {
        id: 'resolved-new-profile',
        kind: 'resolution',
        text: 'Resolved: the Outlook profile was corrupt. Created a new profile via Autodiscover and set it as default. Once the user confirms everything is there, the old profile can be removed from Control Panel > Mail > Show Profiles.',
        options: [],
      },
      {
        id: 'escalate-mailbox',
        kind: 'resolution',
        text: 'Escalate: the user can sign in but the mailbox itself errors in Outlook on the web, so it is server-side. Send to L2 to check the mailbox and license in the Exchange admin center. Include the exact error text and a screenshot.',
        options: [],
      },
      {
        id: 'escalate-autodiscover',
        kind: 'resolution',
        text: "Escalate: a new profile still cannot connect even though Outlook on the web works. Send to L2 to check the domain's autodiscover CNAME (autodiscover.outlook.com), any leftover on-prem Autodiscover registry keys on the PC, and run the Microsoft Remote Connectivity Analyzer. Note the steps already tried: Work Offline, Credential Manager cleanup, new profile.",
        options: [],
      },
    ],
  },
};

const vpnKeepsDropping: DemoFlow = {
  id: '7a1d9e42-2c5b-4f8e-a3d6-0e9b4c7f2a58',
  title: 'VPN keeps dropping',
  description:
    "Remote user's VPN disconnects repeatedly. Rules out an outage and the user's own internet/Wi-Fi first, then checks client version, MTU and full-tunnel load before escalating.",
  definition: {
    start: 'start',
    nodes: [
      {
        id: 'start',
        kind: 'question',
        text: 'Is it only you whose VPN keeps dropping, or are coworkers reporting the same thing right now?',
        options: [
          {id: 'scope-single', label: 'Just this user', next: 'internet-drops'},
          {id: 'scope-many', label: 'Several users are dropping too', next: 'escalate-outage'},
        ],
      },
      {
        id: 'internet-drops',
        kind: 'question',
        text: 'When the VPN drops, does the rest of your internet hiccup too (websites stop loading, Teams says it is reconnecting), and how is the computer connected?',
        options: [
          {id: 'internet-drops-wifi', label: 'Internet drops too, on Wi-Fi', next: 'wifi-fix'},
          {id: 'internet-drops-wired', label: 'Internet drops too, on a wired connection', next: 'resolved-isp'},
          {id: 'internet-stays-up', label: 'Only the VPN drops, internet stays up', next: 'client-version'},
        ],
      },
      {
        id: 'wifi-fix',
        kind: 'instruction',
        text: 'Have them move closer to the router or plug in with an Ethernet cable if they can. Then turn off Wi-Fi power saving: Device Manager > Network adapters > their Wi-Fi adapter > Properties > Power Management, untick "Allow the computer to turn off this device to save power". Reconnect the VPN and work normally for 15-20 minutes.',
        options: [
          {id: 'wifi-stable', label: 'Stable now', next: 'resolved-wifi'},
          {id: 'wifi-still-drops', label: 'Still dropping, internet too', next: 'resolved-isp'},
        ],
      },
      {
        id: 'client-version',
        kind: 'question',
        text: "Open the VPN client and check Help / About (or the settings cog). What version does it show? Compare it with the current version listed in the client's documentation.",
        options: [
          {id: 'version-old', label: 'Older than the current deployed version', next: 'update-client'},
          {id: 'version-current', label: 'Already on the current version', next: 'mtu-test'},
        ],
      },
      {
        id: 'update-client',
        kind: 'instruction',
        text: 'Have them disconnect the VPN and install the current client from Company Portal / Software Center (or push it through the RMM tool), then restart the computer. Reconnect and work normally for 15-20 minutes.',
        options: [
          {id: 'update-stable', label: 'Stable after the update', next: 'resolved-client-updated'},
          {id: 'update-still-drops', label: 'Still dropping', next: 'mtu-test'},
        ],
      },
      {
        id: 'mtu-test',
        kind: 'instruction',
        text: 'Check for an MTU problem on their connection. With the VPN disconnected, have them open Command Prompt and run: ping -f -l 1472 1.1.1.1. If it replies normally, the path handles full-size packets. If it says "Packet needs to be fragmented but DF set", repeat with 1462, 1452 and so on until it replies, and note the largest size that works.',
        options: [
          {id: 'mtu-ok', label: '1472 replies normally', next: 'traffic-pattern'},
          {id: 'mtu-low', label: 'Only works with a smaller size', next: 'escalate-mtu'},
        ],
      },
      {
        id: 'traffic-pattern',
        kind: 'question',
        text: 'Think about the last few drops. Do they happen mostly during Teams or Zoom calls, screen sharing or big uploads and downloads?',
        options: [
          {id: 'pattern-heavy-traffic', label: 'Yes, mostly during calls or big transfers', next: 'escalate-split-tunnel'},
          {id: 'pattern-none', label: 'No clear pattern, or after sitting idle', next: 'escalate-gateway'},
        ],
      },
      {
        id: 'resolved-wifi',
        kind: 'resolution',
        text: 'Resolved: weak or power-saving Wi-Fi was dropping the connection under the VPN. Wi-Fi power management is off and/or the user is now wired. Suggest a wired connection for long calls.',
        options: [],
      },
      {
        id: 'resolved-isp',
        kind: 'resolution',
        text: 'Resolved as a home internet problem, not the VPN: the whole connection drops. Have the user power-cycle their modem and router (off 30 seconds) and contact their ISP if drops continue. A phone hotspot works as a stopgap. Note in the ticket that company systems are not at fault.',
        options: [],
      },
      {
        id: 'resolved-client-updated',
        kind: 'resolution',
        text: 'Resolved: the VPN client was out of date. Updated it to the current deployed version and the tunnel is stable. Flag the device to L2 if the RMM shows it missed the automatic rollout.',
        options: [],
      },
      {
        id: 'escalate-outage',
        kind: 'resolution',
        text: "Escalate: several users are dropping at once, which points to the VPN gateway/firewall or the office internet circuit. Raise it as a possible outage to L2/network immediately with the time it started and the number of affected users. Don't troubleshoot individual PCs.",
        options: [],
      },
      {
        id: 'escalate-mtu',
        kind: 'resolution',
        text: "Escalate: the path MTU on the user's connection is below 1500 (record the largest ping size that worked without fragmenting). Send to L2/network to lower the VPN tunnel MTU or MSS clamping for this user's profile.",
        options: [],
      },
      {
        id: 'escalate-split-tunnel',
        kind: 'resolution',
        text: "Escalate: drops line up with calls and large transfers on a full-tunnel VPN. Send to L2/network to review split tunneling (excluding Microsoft 365 / Teams media traffic from the tunnel) and the gateway's bandwidth and session limits. Include drop times, client version and connection type.",
        options: [],
      },
      {
        id: 'escalate-gateway',
        kind: 'resolution',
        text: 'Escalate: single-user drops with stable internet, current client and normal MTU. Send to L2/network to check the VPN gateway logs for this user (idle/session timeouts, re-key failures). Include the exact times of the last few drops.',
        options: [],
      },
    ],
  },
};

const printerOffline: DemoFlow = {
  id: 'b52e8f1c-6d3a-4e97-8c40-1f7a9d2e6b34',
  title: 'Printer offline',
  description:
    'Printer shows Offline or jobs sit in the queue. Splits "everyone" from "just me", then checks the printer itself and the network, or the user\'s queue, the Print Spooler and the printer install.',
  definition: {
    start: 'start',
    nodes: [
      {
        id: 'start',
        kind: 'question',
        text: "Is it only you who can't print to that printer, or can nobody in the office print to it?",
        options: [
          {id: 'scope-everyone', label: 'Nobody can print to it', next: 'printer-panel'},
          {id: 'scope-single', label: 'Just this user', next: 'clear-queue'},
        ],
      },
      {
        id: 'printer-panel',
        kind: 'question',
        text: 'Can someone go to the printer? Is it powered on, and what does the display say?',
        options: [
          {id: 'panel-ready', label: 'On and showing Ready', next: 'network-check'},
          {id: 'panel-error', label: 'Shows an error (jam, paper, toner, door open)', next: 'fix-printer'},
          {id: 'panel-off', label: "Off, or the screen is blank and won't wake", next: 'fix-printer'},
        ],
      },
      {
        id: 'fix-printer',
        kind: 'instruction',
        text: 'Have them clear whatever the display reports (remove the jam, load paper, replace toner, close doors). If it is off or frozen, check it is plugged into a working outlet, switch it off for 30 seconds, switch it back on and wait for Ready. Then print a test page from their PC.',
        options: [
          {id: 'fix-prints', label: 'Test page prints', next: 'resolved-printer-hardware'},
          {id: 'fix-still-offline', label: 'Printer is Ready but still shows Offline on PCs', next: 'network-check'},
        ],
      },
      {
        id: 'network-check',
        kind: 'instruction',
        text: "Find the printer's IP address: print a configuration / network report from its menu, or look under Settings > Network on its display. Check the network cable's link light (or that it shows connected to Wi-Fi). Then, from a PC or your remote session, open Command Prompt and run: ping <printer IP>.",
        options: [
          {id: 'ping-replies', label: 'Printer replies to ping', next: 'escalate-print-server'},
          {id: 'ping-fails', label: 'Request timed out, no IP, or a 169.254.x.x address', next: 'escalate-printer-network'},
        ],
      },
      {
        id: 'clear-queue',
        kind: 'instruction',
        text: 'Have them open Settings > Bluetooth & devices > Printers & scanners, click the printer and choose "Open print queue". Cancel all documents in the queue. In the queue window, open the Printer menu and make sure "Use Printer Offline" and "Pause Printing" are NOT ticked. Check it is the right printer (not a "Copy 1" duplicate), then print a test page.',
        options: [
          {id: 'queue-prints', label: 'Test page prints', next: 'resolved-queue'},
          {id: 'queue-still-offline', label: 'Still Offline or jobs stuck', next: 'restart-spooler'},
        ],
      },
      {
        id: 'restart-spooler',
        kind: 'instruction',
        text: 'Over your remote support session (needs admin rights): open services.msc, right-click Print Spooler and choose Stop. Delete everything in C:\\Windows\\System32\\spool\\PRINTERS, then start Print Spooler again. Print a test page.',
        options: [
          {id: 'spooler-prints', label: 'Test page prints', next: 'resolved-spooler'},
          {id: 'spooler-still-offline', label: 'Still Offline', next: 'readd-printer'},
        ],
      },
      {
        id: 'readd-printer',
        kind: 'instruction',
        text: 'Remove and re-add the printer: in Printers & scanners, select the printer and click Remove. Then "Add device"; if it isn\'t found automatically, choose "Add manually" and add it by IP address or by its \\\\server\\printer share name from the client documentation. Print a test page.',
        options: [
          {id: 'readd-prints', label: 'Test page prints', next: 'resolved-readded'},
          {id: 'readd-fails', label: "Can't add it, or driver install fails", next: 'escalate-driver'},
        ],
      },
      {
        id: 'resolved-printer-hardware',
        kind: 'resolution',
        text: 'Resolved: the printer itself was off or in an error state (jam, paper, toner, or hung). Cleared it and test page printed. If toner or paper was out, let the office contact know to restock.',
        options: [],
      },
      {
        id: 'resolved-queue',
        kind: 'resolution',
        text: 'Resolved: a stuck job or the "Use Printer Offline" / "Pause Printing" setting in the user\'s print queue was blocking printing. Cleared it and test page printed.',
        options: [],
      },
      {
        id: 'resolved-spooler',
        kind: 'resolution',
        text: "Resolved: the Print Spooler on the user's PC was hung. Restarted it and cleared the spool folder; test page printed.",
        options: [],
      },
      {
        id: 'resolved-readded',
        kind: 'resolution',
        text: "Resolved: the printer install on the user's PC was broken (bad port or stale entry). Removed and re-added it; test page printed. Note the IP or share path used in the ticket.",
        options: [],
      },
      {
        id: 'escalate-print-server',
        kind: 'resolution',
        text: "Escalate: the printer is on the network and answers ping but nobody can print. Send to L2 to check the print server (spooler and queue), whether the printer's IP changed from the configured port, and its DHCP reservation. Include the printer's current IP.",
        options: [],
      },
      {
        id: 'escalate-printer-network',
        kind: 'resolution',
        text: 'Escalate: the printer is not reachable on the network (no reply, no IP, or a self-assigned 169.254 address). Send to L2/network to check the switch port, cable or Wi-Fi join and DHCP; may need an onsite visit or vendor service call.',
        options: [],
      },
      {
        id: 'escalate-driver',
        kind: 'resolution',
        text: 'Escalate: the printer cannot be re-added on this PC, or the driver fails to install. Send to L2 to reinstall the correct driver package (or push it via the RMM / print management policy). Include the exact error message.',
        options: [],
      },
    ],
  },
};

const passwordResetMfa: DemoFlow = {
  id: '94c7d0a3-5e1f-4b28-b6d9-3a8e2f5c1d07',
  title: 'Password reset / MFA lockout',
  description:
    "User forgot their password, is locked out, or can't complete MFA. Verifies identity per policy before touching the account, then covers self-service reset, AD/Entra lockout and Microsoft Authenticator re-registration.",
  definition: {
    start: 'start',
    nodes: [
      {
        id: 'start',
        kind: 'instruction',
        text: "Before changing anything, verify the caller's identity using this client's documented verification policy (for example, call back on the number on file in the PSA/documentation, or get approval from the client's designated contact). A name and email address alone are not verification. Don't confirm whether an account exists until verified.",
        options: [
          {id: 'identity-verified', label: 'Identity verified per policy', next: 'problem-type'},
          {id: 'identity-not-verified', label: 'Could not verify identity', next: 'escalate-identity'},
        ],
      },
      {
        id: 'problem-type',
        kind: 'question',
        text: 'What happens when you try to sign in? Do you not know the password, does it say the account is locked, or does the password work but the MFA step fails?',
        options: [
          {id: 'type-forgot', label: 'Forgot or expired password', next: 'self-service-reset'},
          {id: 'type-locked', label: 'Account is locked / too many attempts', next: 'unlock-account'},
          {id: 'type-mfa', label: 'Password works, MFA step fails', next: 'mfa-problem'},
        ],
      },
      {
        id: 'self-service-reset',
        kind: 'instruction',
        text: 'Walk them through self-service password reset: on another device or browser, go to aka.ms/sspr (or click "Forgot my password" on the Microsoft sign-in page), enter their work email, complete the verification to their registered phone or alternate email, and set a new password that meets the policy. On a domain-joined laptop, have them then lock and unlock Windows (Ctrl+Alt+Del) while in the office or on VPN so Windows picks up the new password.',
        options: [
          {id: 'sspr-worked', label: 'Signed in with the new password', next: 'resolved-password'},
          {id: 'sspr-failed', label: 'Not registered for SSPR, or reset fails', next: 'escalate-admin'},
        ],
      },
      {
        id: 'unlock-account',
        kind: 'instruction',
        text: 'Find where the lockout is. Synced/on-prem account: in Active Directory Users and Computers, open the user, Account tab, tick "Unlock account". Cloud account: in the Entra admin center, check the user\'s sign-in logs for error 50053 (smart lockout), which clears on its own after the lockout period. Ask whether a phone, tablet or second PC might still be trying an old password.',
        options: [
          {id: 'unlock-worked', label: 'Unlocked and they can sign in', next: 'resolved-unlocked'},
          {id: 'unlock-relocks', label: 'It locks again within minutes', next: 'escalate-relock'},
        ],
      },
      {
        id: 'mfa-problem',
        kind: 'question',
        text: "What is going on with the MFA step? Did you get a new or replacement phone, is the approval request just not showing up, or are you getting approval requests you didn't start?",
        options: [
          {id: 'mfa-new-phone', label: 'New, lost or reset phone', next: 'reregister-mfa'},
          {id: 'mfa-no-prompt', label: 'Same phone, prompt never arrives', next: 'authenticator-check'},
          {id: 'mfa-unexpected', label: "Getting prompts they didn't start", next: 'escalate-security'},
        ],
      },
      {
        id: 'authenticator-check',
        kind: 'instruction',
        text: 'On the phone: confirm it has internet access, that date and time are set automatically, and that notifications are allowed for Microsoft Authenticator. Have them open the Authenticator app directly (pending requests often show there), or on the sign-in page choose "Sign in another way" and enter the 6-digit code shown under their work account in the app.',
        options: [
          {id: 'authenticator-worked', label: 'MFA approved, signed in', next: 'resolved-mfa'},
          {id: 'authenticator-failed', label: 'Still fails / account missing from the app', next: 'reregister-mfa'},
        ],
      },
      {
        id: 'reregister-mfa',
        kind: 'instruction',
        text: 'Identity is already verified. In the Entra admin center, open Users > the user > Authentication methods, remove the old Microsoft Authenticator / phone method and click "Require re-register multifactor authentication" (issue a Temporary Access Pass if they have no other method). Then have them go to aka.ms/mysecurityinfo on a computer, sign in, choose Add sign-in method > Microsoft Authenticator and scan the QR code with the app on the new phone.',
        options: [
          {id: 'reregister-worked', label: 'Authenticator registered and sign-in works', next: 'resolved-mfa'},
          {id: 'reregister-failed', label: "Can't complete registration", next: 'escalate-admin'},
        ],
      },
      {
        id: 'resolved-password',
        kind: 'resolution',
        text: "Resolved: the user reset their password through self-service and signed in. Remind them to update the new password in the mail app on their phone and any other devices so they don't lock themselves out.",
        options: [],
      },
      {
        id: 'resolved-unlocked',
        kind: 'resolution',
        text: 'Resolved: account unlocked and the user signed in. Note in the ticket whether the lockout was in on-prem AD or Entra ID smart lockout.',
        options: [],
      },
      {
        id: 'resolved-mfa',
        kind: 'resolution',
        text: "Resolved: MFA working again with Microsoft Authenticator. Suggest they add a second method (such as a phone number) at aka.ms/mysecurityinfo so a lost phone doesn't lock them out next time.",
        options: [],
      },
      {
        id: 'escalate-identity',
        kind: 'resolution',
        text: "Escalate: the caller's identity could not be verified. Do NOT reset the password or MFA and do not share any account details. Note what verification was attempted and route to the client's designated approver / L2 per policy.",
        options: [],
      },
      {
        id: 'escalate-relock',
        kind: 'resolution',
        text: 'Escalate: the account re-locks right after unlocking, so something keeps sending a bad password (old password saved on a phone, mapped drive, scheduled task or service) or it is being attacked. Send to L2 to trace the lockout source (domain controller security logs / Entra sign-in logs) and rule out a compromise.',
        options: [],
      },
      {
        id: 'escalate-admin',
        kind: 'resolution',
        text: "Escalate: self-service reset or MFA re-registration couldn't be completed at L1. Send to L2 to reset the password in the right place (on-prem AD for synced accounts, Entra ID for cloud-only accounts) or reset MFA methods / issue a Temporary Access Pass. Include how identity was verified.",
        options: [],
      },
      {
        id: 'escalate-security',
        kind: 'resolution',
        text: "Escalate (security, urgent): the user is getting MFA requests they didn't start, so someone probably has their password. Tell them to deny every request and never approve one. Escalate to L2/security right away to reset the password, revoke sessions and review sign-in logs.",
        options: [],
      },
    ],
  },
};

const slowComputer: DemoFlow = {
  id: 'e0b3a6f9-1c7d-4a52-9f84-6c2d8b0e4a93',
  title: 'Slow computer',
  description:
    'Whole PC is sluggish. Starts with uptime and a real restart, then uses Task Manager to point at updates, memory, disk space or startup apps before escalating for hardware checks.',
  definition: {
    start: 'start',
    nodes: [
      {
        id: 'start',
        kind: 'question',
        text: 'Press Ctrl+Shift+Esc to open Task Manager, go to Performance, click CPU and read me the "Up time" at the bottom. How long has the computer been running?',
        options: [
          {id: 'uptime-long', label: 'More than a day or two', next: 'restart'},
          {id: 'uptime-short', label: 'Less than a day (recently restarted)', next: 'task-manager'},
        ],
      },
      {
        id: 'restart',
        kind: 'instruction',
        text: 'Have them save their work and use Start > Power > Restart (not Shut down: with Fast Startup on, Shut down does not fully reset Windows). Once they are signed back in, give it a couple of minutes to settle and try what was slow before.',
        options: [
          {id: 'restart-fixed', label: 'Back to normal speed', next: 'resolved-restart'},
          {id: 'restart-still-slow', label: 'Still slow', next: 'task-manager'},
        ],
      },
      {
        id: 'task-manager',
        kind: 'question',
        text: 'In Task Manager, on the Processes tab, click the CPU column header, then Memory, then Disk to sort by each one. Which one stays high (around 90% or more), and what is at the top of the list?',
        options: [
          {id: 'high-cpu-updates', label: 'CPU or Disk, from Windows Update or Antimalware Service Executable', next: 'updates'},
          {id: 'high-memory', label: 'Memory', next: 'memory'},
          {id: 'high-disk', label: 'Disk at 100%, or C: is nearly full', next: 'disk-space'},
          {id: 'nothing-high', label: 'Nothing stays high', next: 'startup-apps'},
        ],
      },
      {
        id: 'updates',
        kind: 'instruction',
        text: "Have them open Settings > Windows Update and let any pending updates finish downloading and installing, then restart when it asks. Antimalware scans usually finish within 30 minutes; don't stop or disable the antivirus. Check again after the restart.",
        options: [
          {id: 'updates-fixed', label: 'Fast again after updates', next: 'resolved-updates'},
          {id: 'updates-still-slow', label: 'Still slow', next: 'startup-apps'},
        ],
      },
      {
        id: 'memory',
        kind: 'instruction',
        text: 'In Task Manager > Performance > Memory, note the total RAM (top right) and how much is "In use". Have them close apps they aren\'t using and browser tabs they don\'t need (each tab can use hundreds of MB), then watch memory use for a few minutes with their normal work apps open.',
        options: [
          {id: 'memory-fixed', label: 'Memory drops and it feels faster', next: 'resolved-memory'},
          {id: 'memory-still-maxed', label: 'Still near 90%+ with just their normal work apps', next: 'escalate-ram'},
        ],
      },
      {
        id: 'disk-space',
        kind: 'instruction',
        text: 'Open File Explorer > This PC and check free space on the C: drive. If it is under about 10% free, go to Settings > System > Storage, run the Temporary files cleanup (leave Downloads unticked unless they agree), empty the Recycle Bin, and set large OneDrive folders to "Free up space". Restart and check again.',
        options: [
          {id: 'disk-fixed', label: 'Freed space and it is faster', next: 'resolved-disk'},
          {id: 'disk-still-slow', label: 'Plenty of space but disk still pinned at 100%, or still slow', next: 'escalate-slow'},
        ],
      },
      {
        id: 'startup-apps',
        kind: 'instruction',
        text: 'In Task Manager, open Startup apps and sort by Startup impact. Disable non-essential items marked High (e.g. updaters, game launchers, personal cloud apps). Do NOT disable antivirus/EDR, the VPN client, OneDrive if they use it, or the RMM agent. Restart and check again.',
        options: [
          {id: 'startup-fixed', label: 'Faster after restart', next: 'resolved-startup'},
          {id: 'startup-still-slow', label: 'Still slow', next: 'escalate-slow'},
        ],
      },
      {
        id: 'resolved-restart',
        kind: 'resolution',
        text: 'Resolved: the PC had not been restarted in a long time. A full restart brought it back to normal. Suggest restarting at least once a week.',
        options: [],
      },
      {
        id: 'resolved-updates',
        kind: 'resolution',
        text: 'Resolved: pending Windows updates or a running antimalware scan were loading the machine. Updates finished and the PC was restarted.',
        options: [],
      },
      {
        id: 'resolved-memory',
        kind: 'resolution',
        text: "Resolved: memory was exhausted by open apps and browser tabs. Closed what wasn't needed. Note the installed RAM in the ticket; if it happens again, consider a RAM upgrade.",
        options: [],
      },
      {
        id: 'resolved-disk',
        kind: 'resolution',
        text: 'Resolved: the C: drive was almost full. Freed space with Storage cleanup and OneDrive Files On-Demand. Record free space before and after in the ticket.',
        options: [],
      },
      {
        id: 'resolved-startup',
        kind: 'resolution',
        text: 'Resolved: too many high-impact startup apps. Disabled the non-essential ones (list them in the ticket) and the PC is faster after restart.',
        options: [],
      },
      {
        id: 'escalate-ram',
        kind: 'resolution',
        text: "Escalate: memory is maxed out with only the user's normal work apps, so the PC is undersized for their workload. Send to L2 / account manager for a RAM upgrade or replacement quote. Include total RAM, in-use amount and the top memory users.",
        options: [],
      },
      {
        id: 'escalate-slow',
        kind: 'resolution',
        text: 'Escalate: still slow after restart, updates, disk cleanup and startup cleanup. Send to L2 to check drive health (SMART / disk errors), run a full EDR/antivirus scan, and review drivers, BIOS and device age. Include the Task Manager readings and steps already tried.',
        options: [],
      },
    ],
  },
};

/** The five demo flows seeded as published flows for a new account. */
export const demoFlows: DemoFlow[] = [outlookWontConnect, vpnKeepsDropping, printerOffline, passwordResetMfa, slowComputer];
