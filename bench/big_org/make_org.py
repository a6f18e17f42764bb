#!/usr/bin/env python3
"""Writes the describe JSON of a real-size org, one file per object, for the compile benchmarks.

    bench/big_org/make_org.py OUTDIR    writes OUTDIR/<Object>.json
    bench/big_org/make_org.py --list    prints the object names, one a line (CMake reads them)

The org: ten standard objects named and shaped like Salesforce's (Account, Contact, Opportunity,
Case, Lead, User, Campaign, Product2, Contract, Order: their usual fields, compound addresses,
polymorphic owners) and 21 custom objects Obj01__c ... Obj21__c, 31 objects and 3,339 fields in
all. Account has 350 fields. Every custom object looks up Account (Account__c) and the next two
custom objects (Obj01__c looks up Obj02__c and Obj03__c, ..., Obj21__c looks up Obj01__c and
Obj02__c), has an external id (External_Id__c), and every lookup target lists the matching child
relationship, so Account has child relationships to all of them. Fields past the standard ones
are custom fields of the usual mix of types (text, picklists, numbers, dates, long text, a few
lookups to User). No randomness: the same script writes the same bytes.

Each file has the shape of GET /services/data/vXX.X/sobjects/<Object>/describe, as the
describes in describe/ do.
"""

import json
import os
import sys

# ---- Field builders: every key a real describe field has, with Salesforce's values per type.

SOAP = {
    "id": "tns:ID", "reference": "tns:ID", "string": "xsd:string", "textarea": "xsd:string",
    "picklist": "xsd:string", "multipicklist": "xsd:string", "email": "xsd:string",
    "phone": "xsd:string", "url": "xsd:string", "double": "xsd:double", "currency": "xsd:double",
    "percent": "xsd:double", "int": "xsd:int", "boolean": "xsd:boolean", "date": "xsd:date",
    "datetime": "xsd:dateTime", "address": "urn:address",
}


def label_of(name):
    base = name[:-3] if name.endswith("__c") else name
    if base.endswith("Id") and len(base) > 2:
        base = base[:-2]
    return base.replace("_", " ")


def field(name, type_, length=0, precision=0, scale=0, digits=0, nillable=True, write=True,
          create=None, update=None, picklist=(), restricted=False, reference_to=(), relationship=None,
          external_id=False, id_lookup=False, unique=False, name_field=False, auto_number=False,
          calculated=False, defaulted=False, default=None, polymorphic=False, compound=None,
          label=None, html=False):
    custom = name.endswith("__c")
    filterable = type_ not in ("address",) and not (type_ == "textarea" and length > 255)
    sortable = filterable and type_ not in ("multipicklist",)
    groupable = sortable and type_ not in ("double", "currency", "percent", "datetime", "address")
    aggregatable = type_ not in ("boolean", "multipicklist", "address") and filterable
    if calculated or auto_number:
        write = False
    createable = write if create is None else create
    updateable = write if update is None else update
    if type_ == "boolean":
        nillable, defaulted = False, True
        default = False if default is None else default
    if type_ == "id":
        nillable, createable, updateable, defaulted, id_lookup = False, False, False, True, True
    byte_length = {"id": 18, "reference": 18}.get(type_, length * 3)
    return {
        "aggregatable": aggregatable, "aiPredictionField": False, "autoNumber": auto_number,
        "byteLength": byte_length, "calculated": calculated,
        "calculatedFormula": "IF(TRUE, NULL, NULL)" if calculated else None,
        "cascadeDelete": False, "caseSensitive": False, "compoundFieldName": compound,
        "controllerName": None, "createable": createable, "custom": custom, "defaultValue": default,
        "defaultValueFormula": None, "defaultedOnCreate": defaulted or auto_number,
        "dependentPicklist": False, "deprecatedAndHidden": False, "digits": digits,
        "displayLocationInDecimal": False, "encrypted": False, "externalId": external_id,
        "extraTypeInfo": "plaintextarea" if type_ == "textarea" else None, "filterable": filterable,
        "filteredLookupInfo": None, "formulaTreatNullNumberAsZero": False, "groupable": groupable,
        "highScaleNumber": False, "htmlFormatted": html, "idLookup": id_lookup,
        "inlineHelpText": None, "label": label or label_of(name),
        "length": 18 if type_ in ("id", "reference") else length, "mask": None, "maskType": None,
        "name": name, "nameField": name_field, "namePointing": False, "nillable": nillable,
        "permissionable": custom and nillable, "picklistValues": [
            {"active": True, "defaultValue": False, "label": v, "validFor": None, "value": v}
            for v in picklist],
        "polymorphicForeignKey": polymorphic, "precision": precision, "queryByDistance": False,
        "referenceTargetField": None, "referenceTo": list(reference_to),
        "relationshipName": relationship, "relationshipOrder": None, "restrictedDelete": False,
        "restrictedPicklist": restricted, "scale": scale, "searchPrefilterable": False,
        "soapType": SOAP[type_], "sortable": sortable, "type": type_, "unique": unique,
        "updateable": updateable, "writeRequiresMasterRead": False,
    }


def text(name, length=255, **kw): return field(name, "string", length=length, **kw)
def long_text(name, length=32000, **kw): return field(name, "textarea", length=length, **kw)
def area(name, **kw): return field(name, "textarea", length=255, **kw)
def pick(name, values, **kw): return field(name, "picklist", length=255, picklist=values, **kw)
def multi(name, values, **kw): return field(name, "multipicklist", length=4099, picklist=values, **kw)
def money(name, **kw): return field(name, "currency", precision=18, scale=2, **kw)
def number(name, **kw): return field(name, "double", precision=18, scale=2, **kw)
def pct(name, **kw): return field(name, "percent", precision=5, scale=2, **kw)
def integer(name, **kw): return field(name, "int", digits=9, **kw)
def flag(name, **kw): return field(name, "boolean", **kw)
def day(name, **kw): return field(name, "date", **kw)
def stamp(name, **kw): return field(name, "datetime", **kw)
def email(name, **kw): return field(name, "email", length=80, **kw)
def phone(name, **kw): return field(name, "phone", length=40, **kw)
def url(name, **kw): return field(name, "url", length=255, **kw)


def lookup(name, targets, relationship, child=None, **kw):
    f = field(name, "reference", reference_to=targets, relationship=relationship,
              polymorphic=len(targets) > 1, **kw)
    f["_child"] = child  # the child relationship's name on each target; not written out
    return f


def ro(f):
    f["createable"] = f["updateable"] = False
    return f


def address(prefix, street="Street"):
    """The components of a compound address, then the address itself, as Salesforce lists them."""
    comp = prefix + "Address"
    fields = [area(prefix + street, compound=comp)]
    fields += [text(prefix + p, 40, compound=comp) for p in ("City", "State", "PostalCode", "Country")]
    fields += [number(prefix + p, compound=comp) for p in ("Latitude", "Longitude")]
    fields += [pick(prefix + "GeocodeAccuracy", ["Address", "NearAddress", "Block", "Street", "Zip",
                                                 "City", "County", "State", "Unknown"], compound=comp),
               ro(field(comp, "address"))]
    return fields


def system(owner=("User",), deleted=True, activity=True):
    """Id first; the audit fields every object has."""
    out = [field("Id", "id")]
    if deleted:
        out.append(ro(flag("IsDeleted")))
    if owner:
        out.append(lookup("OwnerId", list(owner), "Owner", defaulted=True, nillable=False))
    out += [ro(stamp("CreatedDate", nillable=False, defaulted=True)),
            ro(lookup("CreatedById", ["User"], "CreatedBy", nillable=False, defaulted=True)),
            ro(stamp("LastModifiedDate", nillable=False, defaulted=True)),
            ro(lookup("LastModifiedById", ["User"], "LastModifiedBy", nillable=False, defaulted=True)),
            ro(stamp("SystemModstamp", nillable=False, defaulted=True))]
    if activity:
        out += [ro(day("LastActivityDate")), ro(stamp("LastViewedDate")), ro(stamp("LastReferencedDate"))]
    return out


SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"]
INDUSTRIES = ["Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
              "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
              "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government",
              "Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media",
              "Not For Profit", "Recreation", "Retail", "Shipping", "Technology",
              "Telecommunications", "Transportation", "Utilities", "Other"]
RATINGS = ["Hot", "Warm", "Cold"]
SALUTATIONS = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."]


def standard_objects():
    """Standard fields of each standard object: (API name, key prefix, field target, fields)."""
    account = system() + [
        ro(lookup("MasterRecordId", ["Account"], "MasterRecord")),
        text("Name", 255, nillable=False, name_field=True, label="Account Name"),
        pick("Type", ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
                      "Installation Partner", "Technology Partner", "Other"]),
        lookup("ParentId", ["Account"], "Parent", child="ChildAccounts"),
        *address("Billing"), *address("Shipping"),
        phone("Phone"), phone("Fax"), text("AccountNumber", 40), url("Website"), ro(url("PhotoUrl")),
        text("Sic", 20), pick("Industry", INDUSTRIES), money("AnnualRevenue"),
        integer("NumberOfEmployees"), pick("Ownership", ["Public", "Private", "Subsidiary", "Other"]),
        text("TickerSymbol", 20), long_text("Description"), pick("Rating", RATINGS), text("Site", 80),
        text("Jigsaw", 20), pick("AccountSource", SOURCES), text("SicDesc", 80),
        text("ERP_Id__c", 40, external_id=True, id_lookup=True, unique=True, label="ERP Id"),
    ]
    contact = system() + [
        ro(lookup("MasterRecordId", ["Contact"], "MasterRecord")),
        lookup("AccountId", ["Account"], "Account", child="Contacts"),
        text("LastName", 80, nillable=False), text("FirstName", 40), pick("Salutation", SALUTATIONS),
        ro(text("Name", 121, name_field=True, nillable=False)),
        *address("Other"), *address("Mailing"),
        phone("Phone"), phone("Fax"), phone("MobilePhone"), phone("HomePhone"), phone("OtherPhone"),
        phone("AssistantPhone"), lookup("ReportsToId", ["Contact"], "ReportsTo"),
        email("Email", id_lookup=True), text("Title", 128), text("Department", 80),
        text("AssistantName", 40), pick("LeadSource", SOURCES), day("Birthdate"),
        long_text("Description"), ro(text("EmailBouncedReason", 255)), ro(stamp("EmailBouncedDate")),
        ro(flag("IsEmailBounced")), ro(url("PhotoUrl")), text("Jigsaw", 20),
        text("Contact_External_Id__c", 64, external_id=True, id_lookup=True, unique=True),
    ]
    stages = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
              "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
              "Negotiation/Review", "Closed Won", "Closed Lost"]
    opportunity = system() + [
        lookup("AccountId", ["Account"], "Account", child="Opportunities"),
        ro(flag("IsPrivate")), text("Name", 120, nillable=False, name_field=True), long_text("Description"),
        pick("StageName", stages, nillable=False), money("Amount"), pct("Probability"),
        ro(money("ExpectedRevenue", calculated=True)), number("TotalOpportunityQuantity"),
        day("CloseDate", nillable=False),
        pick("Type", ["Existing Customer - Upgrade", "Existing Customer - Replacement",
                      "Existing Customer - Downgrade", "New Customer"]),
        text("NextStep", 255), pick("LeadSource", SOURCES), ro(flag("IsClosed")), ro(flag("IsWon")),
        pick("ForecastCategoryName", ["Omitted", "Pipeline", "Best Case", "Commit", "Closed"]),
        lookup("CampaignId", ["Campaign"], "Campaign", child="Opportunities"),
        ro(flag("HasOpportunityLineItem")), lookup("ContractId", ["Contract"], "Contract"),
        ro(integer("FiscalQuarter")), ro(integer("FiscalYear")), ro(text("Fiscal", 6)),
        ro(flag("HasOpenActivity")), ro(flag("HasOverdueTask")),
        text("Opportunity_External_Id__c", 64, external_id=True, id_lookup=True, unique=True),
    ]
    case = system(owner=("Group", "User")) + [
        ro(text("CaseNumber", 30, auto_number=True, name_field=True)),
        lookup("ContactId", ["Contact"], "Contact", child="Cases"),
        lookup("AccountId", ["Account"], "Account", child="Cases"),
        lookup("ParentId", ["Case"], "Parent", child="Cases"),
        text("SuppliedName", 80), email("SuppliedEmail"), phone("SuppliedPhone"), text("SuppliedCompany", 80),
        pick("Type", ["Mechanical", "Electrical", "Electronic", "Structural", "Other"]),
        pick("Status", ["New", "Working", "Escalated", "Closed"], nillable=False),
        pick("Reason", ["Installation", "Equipment Complexity", "Performance", "Breakdown",
                        "Equipment Design", "Feedback", "Other"]),
        pick("Origin", ["Phone", "Email", "Web"]), text("Subject", 255),
        pick("Priority", ["High", "Medium", "Low"]), long_text("Description"), ro(flag("IsClosed")),
        ro(stamp("ClosedDate")), flag("IsEscalated"), text("Comments", 4000),
        ro(email("ContactEmail")), ro(phone("ContactPhone")), ro(phone("ContactMobile")),
    ]
    lead = system(owner=("Group", "User")) + [
        ro(lookup("MasterRecordId", ["Lead"], "MasterRecord")),
        text("LastName", 80, nillable=False), text("FirstName", 40), pick("Salutation", SALUTATIONS),
        ro(text("Name", 121, name_field=True, nillable=False)), text("Title", 128),
        text("Company", 255, nillable=False), *address(""), phone("Phone"), phone("MobilePhone"),
        phone("Fax"), email("Email", id_lookup=True), url("Website"), ro(url("PhotoUrl")),
        long_text("Description"), pick("LeadSource", SOURCES),
        pick("Status", ["Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                        "Closed - Not Converted"], nillable=False),
        pick("Industry", INDUSTRIES), pick("Rating", RATINGS), money("AnnualRevenue"),
        integer("NumberOfEmployees"), ro(flag("IsConverted")), ro(day("ConvertedDate")),
        ro(lookup("ConvertedAccountId", ["Account"], "ConvertedAccount")),
        ro(lookup("ConvertedContactId", ["Contact"], "ConvertedContact")),
        ro(lookup("ConvertedOpportunityId", ["Opportunity"], "ConvertedOpportunity")),
        flag("IsUnreadByOwner"), text("Jigsaw", 20),
    ]
    zones = ["America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Paris", "Asia/Tokyo"]
    locales = ["en_US", "en_GB", "fr_FR", "de_DE", "ja_JP"]
    user = system(owner=(), deleted=False, activity=False) + [
        text("Username", 80, nillable=False, unique=True, id_lookup=True),
        text("LastName", 80, nillable=False), text("FirstName", 40),
        ro(text("Name", 121, name_field=True, nillable=False)), text("CompanyName", 80),
        text("Division", 80), text("Department", 80), text("Title", 80), *address(""),
        email("Email", nillable=False), phone("Phone"), phone("Fax"), phone("MobilePhone"),
        text("Alias", 8, nillable=False), text("CommunityNickname", 40), flag("IsActive"),
        pick("TimeZoneSidKey", zones, nillable=False, restricted=True),
        pick("LocaleSidKey", locales, nillable=False, restricted=True),
        pick("EmailEncodingKey", ["UTF-8", "ISO-8859-1", "Shift_JIS"], nillable=False, restricted=True),
        pick("LanguageLocaleKey", locales, nillable=False, restricted=True),
        ro(pick("UserType", ["Standard", "PowerPartner", "CspLitePortal", "Guest"])),
        lookup("ManagerId", ["User"], "Manager", child="ManagedUsers"), text("EmployeeNumber", 20),
        text("FederationIdentifier", 512, id_lookup=True),
        ro(lookup("AccountId", ["Account"], "Account", child="Users")),
        lookup("ContactId", ["Contact"], "Contact"), ro(stamp("LastLoginDate")),
        long_text("AboutMe", 1000),
    ]
    campaign = system() + [
        text("Name", 80, nillable=False, name_field=True),
        lookup("ParentId", ["Campaign"], "Parent", child="ChildCampaigns"),
        pick("Type", ["Conference", "Webinar", "Trade Show", "Public Relations", "Partners",
                      "Referral Program", "Advertisement", "Banner Ads", "Direct Mail", "Email",
                      "Telemarketing", "Other"]),
        pick("Status", ["Planned", "In Progress", "Completed", "Aborted"]), day("StartDate"),
        day("EndDate"), money("ExpectedRevenue"), money("BudgetedCost"), money("ActualCost"),
        pct("ExpectedResponse"), number("NumberSent"), flag("IsActive"), long_text("Description"),
        ro(integer("NumberOfLeads")), ro(integer("NumberOfConvertedLeads")),
        ro(integer("NumberOfContacts")), ro(integer("NumberOfResponses")),
        ro(integer("NumberOfOpportunities")), ro(integer("NumberOfWonOpportunities")),
        ro(money("AmountAllOpportunities")), ro(money("AmountWonOpportunities")),
    ]
    product = system(owner=(), activity=False) + [
        text("Name", 255, nillable=False, name_field=True), text("ProductCode", 255),
        long_text("Description", 4000), flag("IsActive"),
        pick("Family", ["Hardware", "Software", "Services", "Training"]),
        text("ExternalId", 255, external_id=True, id_lookup=True), url("DisplayUrl"),
        pick("QuantityUnitOfMeasure", ["Each", "Hour", "Day", "Box"]), text("StockKeepingUnit", 180),
        ro(flag("IsArchived")),
        ro(stamp("LastViewedDate")), ro(stamp("LastReferencedDate")),
    ]
    contract = system() + [
        lookup("AccountId", ["Account"], "Account", child="Contracts", nillable=False),
        pick("OwnerExpirationNotice", ["15", "30", "45", "60", "90", "120"]), day("StartDate"),
        ro(day("EndDate", calculated=True)), *address("Billing"), integer("ContractTerm"),
        pick("Status", ["Draft", "In Approval Process", "Activated"], nillable=False),
        lookup("CompanySignedId", ["User"], "CompanySigned"), day("CompanySignedDate"),
        lookup("CustomerSignedId", ["Contact"], "CustomerSigned"), text("CustomerSignedTitle", 40),
        day("CustomerSignedDate"), long_text("SpecialTerms", 4000),
        ro(lookup("ActivatedById", ["User"], "ActivatedBy")), ro(stamp("ActivatedDate")),
        ro(pick("StatusCode", ["Draft", "InApproval", "Activated", "Terminated", "Expired"])),
        long_text("Description"), ro(text("ContractNumber", 30, auto_number=True, name_field=True)),
        ro(stamp("LastApprovedDate")),
    ]
    order = system() + [
        lookup("AccountId", ["Account"], "Account", child="Orders"),
        lookup("ContractId", ["Contract"], "Contract", child="Orders"),
        lookup("OpportunityId", ["Opportunity"], "Opportunity", child="Orders"),
        day("EffectiveDate", nillable=False), day("EndDate"), ro(flag("IsReductionOrder")),
        pick("Status", ["Draft", "Activated"], nillable=False), long_text("Description"),
        lookup("CustomerAuthorizedById", ["Contact"], "CustomerAuthorizedBy"), day("CustomerAuthorizedDate"),
        lookup("CompanyAuthorizedById", ["User"], "CompanyAuthorizedBy"), day("CompanyAuthorizedDate"),
        pick("Type", ["New", "Renewal", "Upsell"]), *address("Billing"), *address("Shipping"),
        text("Name", 80), day("PoDate"), text("PoNumber", 80), text("OrderReferenceNumber", 80),
        lookup("BillToContactId", ["Contact"], "BillToContact"),
        lookup("ShipToContactId", ["Contact"], "ShipToContact"), ro(stamp("ActivatedDate")),
        ro(text("OrderNumber", 30, auto_number=True, name_field=True)), ro(money("TotalAmount")),
        text("Order_External_Id__c", 64, external_id=True, id_lookup=True, unique=True),
    ]
    return [
        ("Account", "001", 350, account), ("Contact", "003", 150, contact),
        ("Opportunity", "006", 130, opportunity), ("Case", "500", 110, case),
        ("Lead", "00Q", 120, lead), ("User", "005", 100, user), ("Campaign", "701", 80, campaign),
        ("Product2", "01t", 70, product), ("Contract", "800", 70, contract), ("Order", "801", 80, order),
    ]


CUSTOM_OBJECTS = 21


def custom_name(k):
    return "Obj%02d__c" % k


def custom_objects():
    out = []
    for k in range(1, CUSTOM_OBJECTS + 1):
        name = custom_name(k)
        plural = "Obj%02ds__r" % k  # the child relationship name on every object it looks up
        nxt = [custom_name((k + d - 1) % CUSTOM_OBJECTS + 1) for d in (1, 2)]
        fields = system(owner=("Group", "User")) + [
            text("Name", 80, name_field=True, label="Obj%02d Name" % k),
            lookup("Account__c", ["Account"], "Account__r", child=plural, label="Account"),
            *[lookup(t, [t], t[:-3] + "__r", child=plural, label=t[:-3]) for t in nxt],
            text("External_Id__c", 64, external_id=True, id_lookup=True, unique=True, label="External Id"),
        ]
        out.append((name, "a%02d" % k, 92 + (7 * k) % 21, fields))
    return out


# ---- Custom fields that pad each object to its size: a fixed cycle of types, names built from
# business words, picklists of 3 to 12 values and every eighth one of 40 (a country list).

TYPE_CYCLE = (["string"] * 12 + ["picklist"] * 8 + ["boolean"] * 5 + ["double"] * 3 +
              ["currency"] * 3 + ["percent"] * 2 + ["int"] * 2 + ["date"] * 4 + ["datetime"] * 3 +
              ["long"] * 2 + ["textarea"] + ["multipicklist", "email", "phone", "url", "user"])
assert len(TYPE_CYCLE) == 50

AREAS = ["Billing", "Credit", "Renewal", "Support", "Region", "Partner", "Segment", "Risk",
         "Territory", "Service", "Marketing", "Legal", "Finance", "Onboarding", "Compliance",
         "Shipping", "Tax", "Loyalty", "Integration", "Quality", "Procurement", "Success"]
NOUNS = {
    "string": ["Code", "Reference", "Key", "Label", "Handle"],
    "picklist": ["Status", "Tier", "Stage", "Category", "Priority"],
    "multipicklist": ["Channels", "Regions"],
    "boolean": ["Approved", "Active", "Flag", "Verified"],
    "double": ["Score", "Ratio", "Index"],
    "currency": ["Amount", "Limit", "Balance"],
    "percent": ["Rate", "Share"],
    "int": ["Count", "Days"],
    "date": ["Date", "Start_Date", "End_Date", "Review_Date"],
    "datetime": ["Synced_At", "Checked_At"],
    "long": ["Notes", "Details"],
    "textarea": ["Summary"],
    "email": ["Email"], "phone": ["Phone"], "url": ["Link"], "user": ["Manager"],
}
PICK_VALUES = {  # the first 3 to 12 are a picklist's values
    "Status": ["New", "Open", "In Progress", "On Hold", "Pending Review", "Approved", "Rejected",
               "Escalated", "Resolved", "Closed", "Cancelled", "Archived"],
    "Tier": ["Bronze", "Silver", "Gold", "Platinum", "Diamond", "Tier 1", "Tier 2", "Tier 3",
             "Tier 4", "Strategic", "Key", "Standard"],
    "Stage": ["Stage 1", "Stage 2", "Stage 3", "Stage 4", "Stage 5", "Stage 6", "Stage 7",
              "Stage 8", "Stage 9", "Stage 10", "Done", "Lost"],
    "Category": ["A", "B", "C", "D", "E", "Hardware", "Software", "Services", "Training",
                 "Consulting", "Support", "Other"],
    "Priority": ["Low", "Medium", "High", "Critical", "P1", "P2", "P3", "P4", "Urgent", "Normal",
                 "Deferred", "None"],
    "Channels": ["Email", "Phone", "Web", "Chat", "SMS", "Social", "Partner", "Retail", "Field",
                 "Events", "Mail", "Other"],
    "Regions": ["North", "South", "East", "West", "Central", "EMEA", "APAC", "LATAM", "NA",
                "ANZ", "DACH", "Nordics"],
}
COUNTRIES = ["US", "CA", "MX", "BR", "AR", "GB", "IE", "FR", "DE", "NL", "BE", "LU", "CH", "AT",
             "IT", "ES", "PT", "DK", "SE", "NO", "FI", "PL", "CZ", "HU", "RO", "GR", "TR", "IL",
             "AE", "SA", "ZA", "NG", "IN", "CN", "JP", "KR", "SG", "AU", "NZ", "Other"]


def padding(obj, count, start, taken):
    """`count` custom fields for `obj`; `start` offsets the type cycle so objects differ."""
    out = []
    picklists = 0
    i = start
    while len(out) < count:
        kind = TYPE_CYCLE[(i * 17) % len(TYPE_CYCLE)]
        nouns = NOUNS[kind]
        base = "%s_%s" % (AREAS[i % len(AREAS)], nouns[(i // len(AREAS)) % len(nouns)])
        name, n = base + "__c", 2
        while name.lower() in taken:
            name, n = "%s_%d__c" % (base, n), n + 1
        taken.add(name.lower())
        if kind in ("picklist", "multipicklist"):
            picklists += 1
            if picklists % 8 == 0:
                values = COUNTRIES
            else:
                size = 3 + (i * 5) % 10
                values = PICK_VALUES[base.split("_")[-1]][:size]
            f = (pick if kind == "picklist" else multi)(name, values, restricted=i % 3 == 0)
        elif kind == "user":
            f = lookup(name, ["User"], name[:-3] + "__r", child="%s_%s" % (obj.replace("__c", ""), name[:-3] + "s__r"))
        elif kind == "long":
            f = long_text(name, 32768)
        elif kind == "boolean":
            f = flag(name)
        else:
            make = {"string": text, "double": number, "currency": money, "percent": pct, "int": integer,
                    "date": day, "datetime": stamp, "textarea": area, "email": email, "phone": phone,
                    "url": url}[kind]
            f = make(name, calculated=i % 23 == 22 and kind in ("string", "double", "currency", "percent"))
        out.append(f)
        i += 1
    return out


# ---- Objects: the fields, then the child relationships every lookup implies.

def build():
    objects = standard_objects() + custom_objects()
    names = {o[0] for o in objects}
    docs = {}
    for n, (name, prefix, size, fields) in enumerate(objects):
        taken = {f["name"].lower() for f in fields}
        fields = fields + padding(name, size - len(fields), n * 7, taken)
        assert len(fields) == size, (name, len(fields), size)
        custom = name.endswith("__c")
        base = name[:-3] if custom else name
        docs[name] = {
            "actionOverrides": [], "activateable": False, "childRelationships": [],
            "compactLayoutable": True, "createable": True, "custom": custom, "customSetting": False,
            "deepCloneable": False, "defaultImplementation": None, "deletable": True,
            "deprecatedAndHidden": False, "extendedBy": None, "extendsInterfaces": None,
            "feedEnabled": not custom, "fields": fields, "hasSubtypes": False, "implementedBy": None,
            "implementsInterfaces": None, "isInterface": False, "isSubtype": False, "keyPrefix": prefix,
            "label": base, "labelPlural": base + "s", "layoutable": True, "listviewable": None,
            "lookupLayoutable": None, "mergeable": name in ("Account", "Contact", "Lead"),
            "mruEnabled": True, "name": name, "namedLayoutInfos": [], "networkScopeFieldName": None,
            "queryable": True, "recordTypeInfos": [], "replicateable": True, "retrieveable": True,
            "searchLayoutable": True, "searchable": True, "supportedScopes": [
                {"label": "All " + base + "s", "name": "everything"}],
            "triggerable": True, "undeletable": True, "updateable": True,
            "urls": {k: "/services/data/v60.0/sobjects/%s%s" % (name, v) for k, v in (
                ("compactLayouts", "/describe/compactLayouts"), ("describe", "/describe"),
                ("layouts", "/describe/layouts"), ("rowTemplate", "/{ID}"), ("sobject", ""))},
        }
    for name, *_ in objects:
        for f in docs[name]["fields"]:
            child = f.pop("_child", None)
            for target in f["referenceTo"]:
                if target in names:
                    docs[target]["childRelationships"].append({
                        "cascadeDelete": False, "childSObject": name, "deprecatedAndHidden": False,
                        "field": f["name"], "junctionIdListNames": [], "junctionReferenceTo": [],
                        "relationshipName": child, "restrictedDelete": False})
    for d in docs.values():
        d["childRelationships"].sort(key=lambda c: (c["childSObject"], c["field"]))
    return [docs[o[0]] for o in objects]


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-") and argv[1] != "--list":
        sys.stderr.write("usage: make_org.py OUTDIR | --list\n")
        return 1
    docs = build()
    if argv[1] == "--list":
        print("\n".join(d["name"] for d in docs))
        return 0
    os.makedirs(argv[1], exist_ok=True)
    for d in docs:
        with open(os.path.join(argv[1], d["name"] + ".json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(d, sort_keys=True, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
