using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Domain.Email;

namespace ResellerPortal.Web.Data.Configurations;

internal sealed class BrandSettingsConfiguration : IEntityTypeConfiguration<BrandSettings>
{
    public void Configure(EntityTypeBuilder<BrandSettings> builder)
    {
        builder.Property(b => b.Title).HasMaxLength(BrandSettings.TitleMaxLength);
        builder.Property(b => b.Colours).HasMaxLength(1000);
        builder.Property(b => b.WelcomeHtml).HasMaxLength(BrandSettings.WelcomeMaxLength);
        builder.Property(b => b.SignupFields).HasMaxLength(200);
        builder.Property(b => b.VisibleElements).HasMaxLength(400);
        builder.Property(b => b.WebsiteOrigins).HasMaxLength(BrandSettings.OriginsMaxLength);
        builder.Property(b => b.SenderName).HasMaxLength(BrandSettings.SenderNameMaxLength);
        builder.Property(b => b.ReplyTo).HasMaxLength(BrandSettings.EmailMaxLength);
        builder.Property(b => b.LoginBackgroundImage).HasMaxLength(16);
        builder.Property(b => b.LoginLogoImage).HasMaxLength(16);
        builder.Property(b => b.HeaderLogoImage).HasMaxLength(16);
        builder.Property(b => b.ContentLogoImage).HasMaxLength(16);
        builder.Ignore(b => b.ColourValues);
        builder.Ignore(b => b.SignupFieldChoices);
        builder.Ignore(b => b.VisibleElementKeys);
        builder.Ignore(b => b.WebsiteOriginList);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(b => b.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.ResellerId).IsUnique();
    }
}

internal sealed class BrandImageConfiguration : IEntityTypeConfiguration<BrandImage>
{
    public void Configure(EntityTypeBuilder<BrandImage> builder)
    {
        builder.Property(i => i.Slot).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ContentType).HasMaxLength(20);
        builder.Property(i => i.Version).HasMaxLength(16);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(i => i.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.ResellerId, i.Slot }).IsUnique();
    }
}

internal sealed class CustomEmailTemplateConfiguration : IEntityTypeConfiguration<CustomEmailTemplate>
{
    public void Configure(EntityTypeBuilder<CustomEmailTemplate> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.Subject).HasMaxLength(TemplateText.SubjectMaxLength);
        builder.Property(t => t.Body).HasMaxLength(TemplateText.BodyMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(t => t.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ResellerId, t.Kind }).IsUnique();
    }
}
